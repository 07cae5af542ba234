//! The seed meeting — the 9th regional meeting on the social pole strategy, Fès-Meknès — as
//! Mahdar holds it (see `shared/fixtures/seed-meeting.md`). Every test and demo starts here.
//!
//! Its documents have fixed ids and carry no clock readings, so loading it twice changes
//! nothing, and two laptops that both load it hold the very same revisions (no conflicts when
//! they sync). The source gives no date, venue or time: they stay missing.

use crate::{Mahdar, Result, records::Record, records::body_of};
use mahdar_model::{
    ActionId, ActionStatus, Attendance, AttendanceId, AttendanceMode, DocKey, FollowUpAction, Lang,
    Meeting, MeetingFormat, MeetingId, MeetingStatus, Money, OrderKey, Organisation,
    OrganisationId, PartyRef, Person, PersonId, PersonKind, Precedence, Prefecture, PrefectureKind,
    Presence, Region, Role, Series, SeriesId, SiteVisit, SourceRef, Statement, StatementId,
    StatementKind, TextForm, TitleHeld, VisitId,
};
use mahdar_store::Edit;
use serde::Serialize;
use serde_json::Value;

/// What loading the seed meeting did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoReport {
    /// The seed meeting.
    pub meeting: MeetingId,
    /// Documents written now.
    pub created: usize,
    /// Documents that were already there (left as they are, edits included).
    pub already_present: usize,
}

/// A fixed, valid uuid v7 for the n-th seed document.
fn seed_id<Id: DocKey>(n: u8) -> Id {
    let random = [0x4d, 0x61, 0x68, 0x64, 0x61, 0x72, 0x53, 0x65, 0x65, n];
    Id::from_uuid(
        uuid::Builder::from_unix_timestamp_millis(1_700_000_000_000 + u64::from(n), &random)
            .into_uuid(),
    )
}

/// The id of the seed meeting.
pub fn seed_meeting_id() -> MeetingId {
    seed_id(1)
}

struct Seed {
    docs: Vec<(String, Value)>,
}

impl Seed {
    fn add<T: Record>(&mut self, id: T::Id, value: &T) -> Result<()> {
        self.docs.push((id.doc_id(), body_of(value, None)?));
        Ok(())
    }
}

fn person(
    kind: PersonKind,
    name_ar: &str,
    name_latin: &str,
    title: Option<(&str, &str)>,
    precedence: Precedence,
    org: Option<OrganisationId>,
) -> Result<Person> {
    Ok(Person {
        kind,
        name_ar: Some(name_ar.into()),
        name_latin: Some(name_latin.into()),
        aliases: Vec::new(),
        titles: title
            .map(|(ar, fr)| TitleHeld {
                title_ar: ar.into(),
                title_fr: Some(fr.into()),
                from: None,
                until: None,
            })
            .into_iter()
            .collect(),
        precedence,
        organisation: org,
    }
    .validated()?)
}

fn seed() -> Result<Seed> {
    let mut seed = Seed { docs: Vec::new() };
    let meeting_id = seed_meeting_id();

    // Organisations.
    let ministry: OrganisationId = seed_id(10);
    let local_authorities: OrganisationId = seed_id(11);
    let regional_council: OrganisationId = seed_id(12);
    let mut ministry_org = Organisation::named(
        "وزارة التضامن والادماج الاجتماعي والأسرة",
        "Ministère de la Solidarité, de l'Insertion sociale et de la Famille",
    );
    ministry_org.aliases = vec!["الوزارة".into()];
    seed.add(ministry, &ministry_org.validated()?)?;
    seed.add(
        local_authorities,
        &Organisation::named("السلطات المحلية", "Autorités locales").validated()?,
    )?;
    let mut council = Organisation::named("المجلس الجهوي", "Conseil régional de Fès-Meknès");
    council.aliases = vec!["مجلس جهة فاس مكناس".into()];
    seed.add(regional_council, &council.validated()?)?;

    // The series.
    let series_id: SeriesId = seed_id(2);
    let series = Series {
        title_ar: "اللقاءات الجهوية لبلورة الاستراتيجية الجديدة ومخطط عمل القطب الاجتماعي".into(),
        title_fr: Some("Rencontres régionales pour l'élaboration de la nouvelle stratégie et du plan d'action du pôle social".into()),
        organiser: Some(ministry),
        launched_in: Some("الداخلة".into()),
    }
    .validated()?;
    seed.add(series_id, &series)?;

    // The meeting: no date, time or venue in the source.
    let meeting = Meeting {
        title: None,
        series: Some(series_id),
        rank: Some(9),
        region: Some(Region::FesMeknes),
        prefecture: Some(Prefecture { kind: PrefectureKind::Prefecture, name: "فاس".into() }),
        venue: None,
        date: None,
        start_time: None,
        end_time: None,
        format: Some(MeetingFormat::Hybrid),
        purpose: vec![
            "الاطلاع على انتظارات الفاعلين المعنيين على الصعيد الترابي واشراكهم في بلورة الاستراتيجية الجديدة ومخطط عمل القطب الاجتماعي".into(),
            "تعزيز الانسجام بين المخطط وبرامج التنمية الترابية في المجالات الاجتماعية".into(),
        ],
        agenda: Vec::new(),
        status: MeetingStatus::Draft,
        languages: vec![Lang::Ar, Lang::Fr],
    }
    .validated()?;
    seed.add(meeting_id, &meeting)?;

    // The registry and the attendance list, in protocol order.
    let minister: PersonId = seed_id(20);
    let wali: PersonId = seed_id(21);
    let governors: PersonId = seed_id(22);
    let president: PersonId = seed_id(23);
    let elected: PersonId = seed_id(24);
    let civil_society: PersonId = seed_id(25);
    let mut wali_person = person(
        PersonKind::Individual,
        "السعيد الزنيبر",
        "Saïd Zniber",
        Some((
            "والي جهة فاس مكناس عامل عمالة فاس",
            "Wali de la région Fès-Meknès, gouverneur de la préfecture de Fès",
        )),
        Precedence::Wali,
        None,
    )?;
    // The source spells him both ways: one person.
    wali_person.aliases = vec!["السعيد زنيبر".into()];
    let people = [
        (
            minister,
            person(
                PersonKind::Individual,
                "عواطف حيار",
                "Aawatif Hayar",
                Some((
                    "وزيرة التضامن والادماج الاجتماعي والأسرة",
                    "Ministre de la Solidarité, de l'Insertion sociale et de la Famille",
                )),
                Precedence::Minister,
                Some(ministry),
            )?,
            vec![Role::Chair, Role::Speaker],
        ),
        (wali, wali_person, vec![Role::Speaker]),
        (
            governors,
            person(
                PersonKind::Group,
                "عمال أقاليم وعمالات الجهة",
                "Gouverneurs des provinces et préfectures de la région",
                None,
                Precedence::Governor,
                None,
            )?,
            vec![Role::Member],
        ),
        (
            president,
            person(
                PersonKind::Individual,
                "عبد الواحد الأنصاري",
                "Abdelouahed El Ansari",
                Some((
                    "رئيس مجلس الجهة",
                    "Président du conseil de la région Fès-Meknès",
                )),
                Precedence::RegionalCouncilPresident,
                Some(regional_council),
            )?,
            vec![Role::Speaker],
        ),
        (
            elected,
            person(
                PersonKind::Group,
                "ممثلو الهيئات المنتخبة",
                "Représentants des instances élues",
                None,
                Precedence::ElectedRepresentative,
                None,
            )?,
            vec![Role::Member],
        ),
        (
            civil_society,
            person(
                PersonKind::Group,
                "المجتمع المدني",
                "Société civile",
                None,
                Precedence::CivilSociety,
                None,
            )?,
            vec![Role::Member],
        ),
    ];
    let mut attendance = Vec::new();
    let mut order = OrderKey::first();
    for (n, (id, p, roles)) in people.into_iter().enumerate() {
        let entry = Attendance {
            meeting: meeting_id,
            person: id,
            title: p.title_on(None).map(|t| t.title_ar.clone()),
            roles,
            mode: AttendanceMode::InPerson,
            presence: Presence::Present,
            order: order.clone(),
        }
        .validated()?;
        order = OrderKey::after(&order);
        seed.add(id, &p)?;
        seed.add::<Attendance>(seed_id::<AttendanceId>(30 + n as u8), &entry)?;
        attendance.push(entry);
    }

    // The statements, in the source's order, as written (the typo "جول" included).
    let map = "وكالة المغرب العربي للأنباء";
    // (speaker, kind, channel, speaking as, text)
    type Said<'a> = (
        PersonId,
        StatementKind,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
    );
    let statements: [Said; 8] = [
        (
            minister,
            StatementKind::Speech,
            None,
            None,
            "قالت إن هذه اللقاءات تأتي في سياق وطني مطبوع بتفعيل النموذج التنموي الجديد القائم على تعزيز مكانة القطاعات الترابية كرافعة رئيسة في بلورة وتفعيل السياسات العمومية.",
        ),
        (
            minister,
            StatementKind::Speech,
            None,
            None,
            "أوضحت أن الأمر يتعلق بخلق منصة للتبادل مع الفاعلين الترابيين جول بلورة رؤية متمركزة على الأسرة كرافعة للتنمية الاجتماعية المندمجة والمستدامة، مشيرة الى أن الاجتماع مناسبة لتقديم محاور الاستراتيجية الجديدة للوزارة التي تعتمد مقاربة مستندة على الاستثمار في الاسرة والرقمنة والشفافية وتحسين جودة الخدمات.",
        ),
        (
            minister,
            StatementKind::PressStatement,
            Some(map),
            None,
            "أشارت الى أن اللقاء مكن من الوقوف على الاكراهات الاجتماعية التي تواجهها جهة فاس مكناس بالرغم من المؤهلات الكبرى التي تختزنها، مبدية أسفها لضعف الادماج الاقتصادي للمرأة.",
        ),
        (
            minister,
            StatementKind::Speech,
            None,
            Some("الوزارة"),
            "ولتجاوز هذا الوضع، تقترح الوزارة على السلطات المحلية والمجلس الجهوي شراكة تعبئ غلافا ماليا من 26 مليون درهم لتعزيز الاندماج الاقتصادي للنساء، علما أن 4 ملايين درهم سترصد أيضا لاحداث أنشطة مدرة للدخل لفائدة الأشخاص في وضعية هشاشة.",
        ),
        (
            wali,
            StatementKind::Intervention,
            None,
            None,
            "أبرز المكانة المركزية التي يحتلها القطاع الاجتماعي في المخططات الجهوية والمحلية على اعتبار مساهمته في تحسين المستوى المعيشي للساكنة وتعزيز التضامن مع الفئات الهشة مضيفا أن العقد برنامج بين الدولة والجهة ومخطط التنمية الجهوية مكنا من انبثاق مشاريع تستهدف مجمل المجالات الترابية المحتاجة.",
        ),
        (
            wali,
            StatementKind::Intervention,
            None,
            None,
            "تابع أن تكامل البرامج والجهود المبذولة على الصعيدين الوطني والجهوي من شأنه المساهمة في النهوض بجودة الخدمات المقدمة للمواطنين وبروز جيل جديد من الشراكات بين الفاعلين العموميين والترابيين.",
        ),
        (
            president,
            StatementKind::Intervention,
            None,
            None,
            "نوه بالاختيارات الجديدة المضمنة في الاستراتيجية الجديدة للقطب الاجتماعي والتي من شأنها توطيد دعائم الدولة الاجتماعية وثقة المواطنين من خلال دعم الفئات في وضعية هشاشة وتقليص الفوارق الاجتماعية.",
        ),
        (
            president,
            StatementKind::Intervention,
            None,
            None,
            "شدد على أن الدور المحوري الموكول الى الجهة في القطاع الاجتماعي حفز جهة فاس مكناس على الانخراط في سلسلة من المشاريع الطموحة الرامية الى تحسين المستوى المعيشي للمواطنين وتعزيز الاندماج المهني على غرار برنامج استقلالية النساء وبرنامج تأهيل المراكز الاجتماعية.",
        ),
    ];
    let mut order = OrderKey::first();
    let mut proposal: Option<StatementId> = None;
    for (n, (speaker, kind, channel, speaking_as, text)) in statements.into_iter().enumerate() {
        let id: StatementId = seed_id(40 + n as u8);
        let statement = Statement {
            meeting: meeting_id,
            speaker,
            speaking_as: speaking_as.map(Into::into),
            kind,
            channel: channel.map(Into::into),
            addressee: None,
            agenda_item: None,
            order: order.clone(),
            text: text.into(),
            form: TextForm::Summary,
            recorded_at: None,
        }
        .validated(&meeting, &attendance)?;
        order = OrderKey::after(&order);
        if n == 3 {
            proposal = Some(id);
        }
        seed.add(id, &statement)?;
    }

    // The site visit that closed the meeting.
    let visit_id: VisitId = seed_id(50);
    let visit = SiteVisit {
        meeting: Some(meeting_id),
        date: None,
        place: "مؤسسات الحماية الاجتماعية".into(),
        commune: None,
        province: Some("عمالة فاس".into()),
        purpose: Some("الاطلاع على الاكراهات التي تواجهها".into()),
        participants: vec![minister],
        findings: Vec::new(),
    }
    .validated()?;
    seed.add(visit_id, &visit)?;

    // The three follow-up actions.
    let from_proposal = proposal.map(SourceRef::Statement);
    let actions = [
        FollowUpAction {
            meeting: meeting_id,
            title: "شراكة لتعزيز الاندماج الاقتصادي للنساء".into(),
            description: Some("شراكة تقترحها الوزارة على السلطات المحلية والمجلس الجهوي تعبئ غلافا ماليا من 26 مليون درهم لتعزيز الاندماج الاقتصادي للنساء".into()),
            owner: Some(PartyRef::Organisation(ministry)),
            partners: vec![PartyRef::Organisation(local_authorities), PartyRef::Organisation(regional_council)],
            amount: Some(Money::mad(26_000_000)?),
            beneficiaries: Some("النساء".into()),
            due: None,
            status: ActionStatus::Proposed,
            source: from_proposal,
            order: OrderKey::first(),
        },
        FollowUpAction {
            meeting: meeting_id,
            title: "إحداث أنشطة مدرة للدخل لفائدة الأشخاص في وضعية هشاشة".into(),
            description: Some("رصد 4 ملايين درهم لاحداث أنشطة مدرة للدخل لفائدة الأشخاص في وضعية هشاشة".into()),
            owner: Some(PartyRef::Organisation(ministry)),
            partners: Vec::new(),
            amount: Some(Money::mad(4_000_000)?),
            beneficiaries: Some("الأشخاص في وضعية هشاشة".into()),
            due: None,
            status: ActionStatus::Proposed,
            source: from_proposal,
            order: OrderKey::after(&OrderKey::first()),
        },
        FollowUpAction {
            meeting: meeting_id,
            title: "زيارة مؤسسات الحماية الاجتماعية على مستوى عمالة فاس".into(),
            description: Some("زيارة الوزيرة والوفد المرافق لها قصد الاطلاع على الاكراهات التي تواجهها هذه المؤسسات".into()),
            owner: Some(PartyRef::Person(minister)),
            partners: Vec::new(),
            amount: None,
            beneficiaries: None,
            due: None,
            status: ActionStatus::Done,
            source: Some(SourceRef::Visit(visit_id)),
            order: OrderKey::after(&OrderKey::after(&OrderKey::first())),
        },
    ];
    for (n, action) in actions.into_iter().enumerate() {
        seed.add(seed_id::<ActionId>(60 + n as u8), &action.validated()?)?;
    }
    Ok(seed)
}

impl Mahdar {
    /// Loads the seed meeting. Documents already present are left as they are, so running it
    /// again changes nothing; a partial load (an earlier crash) is completed.
    pub fn load_demo(&self) -> Result<DemoReport> {
        let _writing = self.exclusive();
        let mut edits = Vec::new();
        let mut already_present = 0;
        for (id, body) in seed()?.docs {
            // Anything with a history, even deleted, is left alone: a record someone deleted
            // stays deleted.
            match self.store.rev_tree(&id)? {
                Some(_) => already_present += 1,
                None => edits.push(Edit::Put {
                    id,
                    base: None,
                    body,
                }),
            }
        }
        let created = edits.len();
        if !edits.is_empty() {
            self.commit(edits)?;
        }
        Ok(DemoReport {
            meeting: seed_meeting_id(),
            created,
            already_present,
        })
    }
}
