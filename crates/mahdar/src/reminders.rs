//! Due reminders: the open actions due within the days the settings say, and the overdue ones,
//! each offered at most once a day. The app shows them as desktop notifications; this module
//! chooses them, words them and remembers which were shown today (on this laptop only).

use crate::{ActionFilter, ActionView, Error, Mahdar, Result};
use mahdar_model::{ActionId, DocKey, Lang};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `_local` document that remembers which actions were reminded, and on which day.
const REMINDED: &str = "reminded";

/// The longest warning a reminder may give, in days.
pub const MAX_REMINDER_DAYS: u32 = 90;

/// When to remind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// Whether the app shows reminders at all.
    pub enabled: bool,
    /// Remind of actions due within this many days (1 to [`MAX_REMINDER_DAYS`]).
    pub days: u32,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            enabled: true,
            days: 7,
        }
    }
}

impl ReminderSettings {
    /// Checks the values.
    pub fn validated(self) -> Result<ReminderSettings> {
        if !(1..=MAX_REMINDER_DAYS).contains(&self.days) {
            return Err(Error::invalid(
                "reminders.days",
                format!("a reminder comes 1 to {MAX_REMINDER_DAYS} days before the due date"),
            ));
        }
        Ok(self)
    }
}

/// One action to remind of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    /// The action.
    pub action: ActionView,
    /// Days until it is due (negative: overdue by that many days).
    pub days_left: i64,
}

/// A desktop notification: a title and a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
}

/// How many reminders get a notification each; more are summed up in one.
const SEPARATE_NOTICES: usize = 3;

fn when(days_left: i64, lang: Lang) -> String {
    match days_left {
        d if d < 0 => {
            let n = -d;
            lang.pick(
                match n {
                    1 => "متأخر بيوم واحد".to_owned(),
                    2 => "متأخر بيومين".to_owned(),
                    3..=10 => format!("متأخر بـ{n} أيام"),
                    _ => format!("متأخر بـ{n} يوما"),
                },
                format!("en retard de {n} jour{}", if n > 1 { "s" } else { "" }),
                format!("overdue by {n} day{}", if n > 1 { "s" } else { "" }),
            )
        }
        0 => lang
            .pick("يحل أجله اليوم", "échéance aujourd'hui", "due today")
            .to_owned(),
        1 => lang
            .pick("يحل أجله غدا", "échéance demain", "due tomorrow")
            .to_owned(),
        n => lang.pick(
            match n {
                2 => "يحل أجله بعد يومين".to_owned(),
                3..=10 => format!("يحل أجله بعد {n} أيام"),
                _ => format!("يحل أجله بعد {n} يوما"),
            },
            format!("échéance dans {n} jours"),
            format!("due in {n} days"),
        ),
    }
}

/// The notifications for some reminders: one each for a few, one summary for more.
pub fn notices(reminders: &[Reminder], lang: Lang) -> Vec<Notice> {
    let line = |r: &Reminder| {
        let due = r
            .action
            .action
            .value
            .due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        format!(
            "{} — {} ({due})",
            r.action.action.value.title,
            when(r.days_left, lang)
        )
    };
    if reminders.len() <= SEPARATE_NOTICES {
        return reminders
            .iter()
            .map(|r| Notice {
                title: if r.days_left < 0 {
                    lang.pick(
                        "محضر: إجراء تتبع متأخر",
                        "Mahdar : action de suivi en retard",
                        "Mahdar: follow-up action overdue",
                    )
                } else {
                    lang.pick(
                        "محضر: إجراء تتبع يحل أجله قريبا",
                        "Mahdar : action de suivi bientôt échue",
                        "Mahdar: follow-up action due soon",
                    )
                }
                .to_owned(),
                body: line(r),
            })
            .collect();
    }
    let overdue = reminders.iter().filter(|r| r.days_left < 0).count();
    let soon = reminders.len() - overdue;
    let mut body: Vec<String> = reminders.iter().take(SEPARATE_NOTICES).map(line).collect();
    body.push("…".to_owned());
    vec![Notice {
        title: lang.pick(
            format!(
                "محضر: {} إجراءات تتطلب المتابعة ({overdue} متأخرة، {soon} يحل أجلها قريبا)",
                reminders.len()
            ),
            format!(
                "Mahdar : {} actions à suivre ({overdue} en retard, {soon} bientôt échues)",
                reminders.len()
            ),
            format!(
                "Mahdar: {} actions need follow-up ({overdue} overdue, {soon} due soon)",
                reminders.len()
            ),
        ),
        body: body.join("\n"),
    }]
}

impl Mahdar {
    /// The actions to remind of now: open, due within the settings' days or overdue, and not
    /// yet reminded today; overdue first, then by due date. Empty when reminders are off.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>> {
        let settings = self.settings()?.reminders;
        if !settings.enabled {
            return Ok(Vec::new());
        }
        let today = self.today();
        let horizon = today + chrono::Days::new(u64::from(settings.days));
        let reminded = self.reminded_today()?;
        let mut out: Vec<Reminder> = self
            .actions(&ActionFilter {
                due_before: Some(horizon),
                ..ActionFilter::default()
            })?
            .into_iter()
            .filter(|v| v.action.value.status.is_open())
            .filter(|v| !reminded.contains(&v.action.id.doc_id()))
            .filter_map(|v| {
                let due = v.action.value.due?;
                Some(Reminder {
                    days_left: (due - today).num_days(),
                    action: v,
                })
            })
            .collect();
        out.sort_by_key(|r| (r.days_left >= 0, r.days_left));
        Ok(out)
    }

    /// Remembers that these actions were reminded today (they are not offered again before
    /// tomorrow). Days before today are forgotten.
    pub fn mark_reminded(&self, actions: &[ActionId]) -> Result<()> {
        let today = self.today().to_string();
        let mut ids = self.reminded_today()?;
        ids.extend(actions.iter().map(|a| a.doc_id()));
        let ids: Vec<Value> = ids.into_iter().map(Value::String).collect();
        self.store.put_local(
            REMINDED,
            &serde_json::json!({ "day": today, "actions": ids }),
        )?;
        Ok(())
    }

    /// The actions reminded today.
    fn reminded_today(&self) -> Result<std::collections::BTreeSet<String>> {
        let today = self.today().to_string();
        let Some(ledger) = self.store.get_local(REMINDED)? else {
            return Ok(Default::default());
        };
        if ledger.get("day").and_then(Value::as_str) != Some(today.as_str()) {
            return Ok(Default::default());
        }
        Ok(ledger
            .get("actions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect())
    }
}
