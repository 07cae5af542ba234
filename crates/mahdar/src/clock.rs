//! Time and new ids come from a clock the caller can replace, so use cases are testable to the
//! second.

use chrono::{DateTime, NaiveDate, Utc};
use mahdar_model::MEETING_TIME_ZONE;
use std::fmt::Debug;
use uuid::Uuid;

/// Where "now" comes from.
pub trait Clock: Send + Sync + Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today in Morocco (what "overdue" is measured against).
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&MEETING_TIME_ZONE).date_naive()
    }

    /// A new uuid v7 (time-ordered, so documents list in creation order).
    fn new_uuid(&self) -> Uuid {
        let now = self.now();
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(now.timestamp()).unwrap_or(0),
            now.timestamp_subsec_nanos(),
        );
        Uuid::new_v7(ts)
    }
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant, for tests and reproducible runs.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
