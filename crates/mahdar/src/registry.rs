//! The registry of people, groups and organisations.

use crate::{Error, Mahdar, Result, Stored};
use mahdar_model::{
    Attendance, DocKey, Lang, Organisation, OrganisationId, PartyRef, Person, PersonId,
    fold_for_match,
};
use mahdar_store::Rev;

impl Mahdar {
    /// Adds a person or group to the registry.
    pub fn create_person(&self, person: Person) -> Result<Stored<Person>> {
        let _writing = self.exclusive();
        let person = person.validated()?;
        if let Some(org) = person.organisation {
            self.load::<Organisation>(org)?;
        }
        self.insert(person)
    }

    /// Saves an edited registry entry.
    pub fn update_person(&self, id: PersonId, rev: Rev, person: Person) -> Result<Stored<Person>> {
        let _writing = self.exclusive();
        let person = person.validated()?;
        if let Some(org) = person.organisation {
            self.load::<Organisation>(org)?;
        }
        self.save(id, rev, person)
    }

    /// One registry entry.
    pub fn person(&self, id: PersonId) -> Result<Stored<Person>> {
        self.load(id)
    }

    /// Removes a registry entry nobody's attendance refers to.
    pub fn delete_person(&self, id: PersonId) -> Result<()> {
        let _writing = self.exclusive();
        let current = self.load::<Person>(id)?;
        let uses = self
            .all::<Attendance>()?
            .into_iter()
            .filter(|a| a.value.person == id)
            .count();
        if uses > 0 {
            return Err(Error::invalid(
                "person",
                format!(
                    "{} attends {uses} meeting(s); remove them from those attendance lists first",
                    current.value.display_name(Lang::Ar)
                ),
            ));
        }
        self.commit(self.deletion(&id.doc_id())?)?;
        Ok(())
    }

    /// The whole registry of people and groups, in protocol order, then by name.
    pub fn people(&self) -> Result<Vec<Stored<Person>>> {
        let mut people = self.all::<Person>()?;
        people.sort_by(|a, b| {
            (
                a.value.precedence,
                fold_for_match(a.value.display_name(Lang::Ar)),
            )
                .cmp(&(
                    b.value.precedence,
                    fold_for_match(b.value.display_name(Lang::Ar)),
                ))
        });
        Ok(people)
    }

    /// People and groups any of whose names contains the query, forgiving hamza forms,
    /// diacritics, the article and case: "زنيبر" finds "السعيد الزنيبر". Names that start with
    /// the query come first.
    pub fn find_people(&self, query: &str) -> Result<Vec<Stored<Person>>> {
        let q = fold_for_match(query);
        if q.is_empty() {
            return self.people();
        }
        let mut hits: Vec<(u8, Stored<Person>)> = Vec::new();
        for p in self.people()? {
            let rank = p
                .value
                .names()
                .map(fold_for_match)
                .filter_map(|name| {
                    if name.starts_with(&q) {
                        Some(0)
                    } else if name.split(' ').any(|w| {
                        w.starts_with(&q) || w.strip_prefix("ال").is_some_and(|w| w.starts_with(&q))
                    }) {
                        Some(1)
                    } else if name.contains(&q) {
                        Some(2)
                    } else {
                        None
                    }
                })
                .min();
            if let Some(rank) = rank {
                hits.push((rank, p));
            }
        }
        hits.sort_by_key(|(rank, _)| *rank);
        Ok(hits.into_iter().map(|(_, p)| p).collect())
    }

    /// Adds an organisation to the registry.
    pub fn create_organisation(&self, organisation: Organisation) -> Result<Stored<Organisation>> {
        let _writing = self.exclusive();
        self.insert(organisation.validated()?)
    }

    /// Saves an edited organisation.
    pub fn update_organisation(
        &self,
        id: OrganisationId,
        rev: Rev,
        organisation: Organisation,
    ) -> Result<Stored<Organisation>> {
        let _writing = self.exclusive();
        self.save(id, rev, organisation.validated()?)
    }

    /// One organisation.
    pub fn organisation(&self, id: OrganisationId) -> Result<Stored<Organisation>> {
        self.load(id)
    }

    /// Every organisation, by Arabic name.
    pub fn organisations(&self) -> Result<Vec<Stored<Organisation>>> {
        let mut orgs = self.all::<Organisation>()?;
        orgs.sort_by_key(|o| fold_for_match(o.value.display_name(Lang::Ar)));
        Ok(orgs)
    }

    /// Checks that a party exists.
    pub(crate) fn ensure_party(&self, party: PartyRef) -> Result<()> {
        match party {
            PartyRef::Person(id) => self.load::<Person>(id).map(drop),
            PartyRef::Organisation(id) => self.load::<Organisation>(id).map(drop),
        }
    }

    /// A party's name in a language; the id itself if it no longer exists.
    pub fn party_name(&self, party: PartyRef, lang: Lang) -> Result<String> {
        Ok(match party {
            PartyRef::Person(id) => self
                .find::<Person>(id)?
                .map(|p| p.value.display_name(lang).to_owned()),
            PartyRef::Organisation(id) => self
                .find::<Organisation>(id)?
                .map(|o| o.value.display_name(lang).to_owned()),
        }
        .unwrap_or_else(|| party.to_string()))
    }
}
