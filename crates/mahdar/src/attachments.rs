//! Files attached to a meeting, a site visit, a statement or a progress entry.
//!
//! The file is kept once, under its SHA-256, in the store (sealed like every value when the data
//! is encrypted); an `attachment:<uuid>` document says what it is, what it belongs to and its
//! caption. The original file name is a field, never a path. The file is written before its
//! document, so a document never points at a file this laptop lacks (except for a moment during
//! a sync, which fetches the file before it moves on).

use crate::indexes::{ATTACHMENTS_BY_MEETING, ATTACHMENTS_BY_OWNER};
use crate::{Error, Mahdar, Result, Stored};
use mahdar_docs::photos;
use mahdar_model::{
    AttachedTo, Attachment, AttachmentId, DocKey, FollowUpAction, GpsPoint, MeetingId,
    ProgressEntry, SiteVisit, Statement,
};
use mahdar_store::{Edit, Rev, index_prefix};

/// The longest side of a thumbnail, in pixels.
pub const THUMB_SIDE: u32 = 320;
/// The longest side of a preview, in pixels.
pub const PREVIEW_SIDE: u32 = 1600;

fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

impl Mahdar {
    /// The meeting an owner belongs to, and whether attaching to it needs the minutes
    /// editable (a progress entry does not: actions are followed up after approval).
    fn owner_meeting(&self, owner: AttachedTo) -> Result<(Option<MeetingId>, bool)> {
        Ok(match owner {
            AttachedTo::Meeting(id) => (Some(self.load::<mahdar_model::Meeting>(id)?.id), true),
            AttachedTo::Visit(id) => (self.load::<SiteVisit>(id)?.value.meeting, true),
            AttachedTo::Statement(id) => (Some(self.load::<Statement>(id)?.value.meeting), true),
            AttachedTo::Progress(id) => {
                let entry = self.load::<ProgressEntry>(id)?;
                let action = self.load::<FollowUpAction>(entry.value.action)?;
                (Some(action.value.meeting), false)
            }
        })
    }

    /// Attaches a file. Refused, with nothing written, when it is empty or over the size
    /// limit (Settings), when its owner does not exist, or when the owner's minutes are
    /// approved (progress entries excepted).
    pub fn attach(
        &self,
        owner: AttachedTo,
        name: &str,
        caption: Option<String>,
        bytes: &[u8],
    ) -> Result<Stored<Attachment>> {
        let limit_mb = self.settings()?.attachment_max_mb;
        if bytes.len() as u64 > limit_mb * 1024 * 1024 {
            return Err(Error::TooLarge {
                size_mb: megabytes(bytes.len() as u64),
                limit_mb,
            });
        }
        if bytes.is_empty() {
            return Err(Error::invalid("file", "the file is empty"));
        }
        // Checked before the file is kept, then again under the lock with the write.
        let meeting = self.check_owner(owner)?;
        let info = photos::inspect(name, bytes);
        let attachment = Attachment {
            owner,
            meeting,
            name: name.to_owned(),
            media_type: info.media_type,
            length: bytes.len() as u64,
            sha256: mahdar_store::sha256_hex(bytes),
            caption,
            added_at: self.clock.now(),
            gps: info.gps.map(|g| GpsPoint {
                lat: g.lat,
                lon: g.lon,
            }),
            taken: info.taken,
        }
        .validated()?;
        // The file first (content-addressed: writing it twice changes nothing), outside the
        // lock so a large one does not hold up other edits; then its record.
        self.store.put_blob(bytes)?;
        let _writing = self.exclusive();
        self.check_owner(owner)?;
        self.insert(attachment)
    }

    /// Refuses an owner that does not exist, or whose minutes are approved (progress entries
    /// excepted).
    fn check_owner(&self, owner: AttachedTo) -> Result<Option<MeetingId>> {
        let (meeting, needs_editable) = self.owner_meeting(owner)?;
        if let (Some(m), true) = (meeting, needs_editable) {
            self.editable_meeting(m)?;
        }
        Ok(meeting)
    }

    /// The edits that delete a document and the records of the files attached to it.
    pub(crate) fn deletion_with_files(&self, doc_id: &str) -> Result<Vec<Edit>> {
        let mut edits = self.deletion(doc_id)?;
        for a in self.attachments_in(ATTACHMENTS_BY_OWNER, doc_id)? {
            edits.extend(self.deletion(&a.id.doc_id())?);
        }
        Ok(edits)
    }

    /// The attachments an index lists under `key`, in the order they were attached.
    fn attachments_in(&self, index: &str, key: &str) -> Result<Vec<Stored<Attachment>>> {
        let ids = self.store.index_scan(index, &index_prefix(&[key]))?;
        let mut out: Vec<Stored<Attachment>> = self.load_ids(ids.into_iter().map(|(_, id)| id))?;
        out.sort_by_key(|a| (a.value.added_at, a.id));
        Ok(out)
    }

    /// The files attached to a document, in the order they were attached.
    pub fn attachments(&self, owner: AttachedTo) -> Result<Vec<Stored<Attachment>>> {
        self.attachments_in(ATTACHMENTS_BY_OWNER, &owner.doc_id())
    }

    /// The files attached to anything of a meeting (itself, its visits and statements, its
    /// actions' progress entries).
    pub fn meeting_attachments(&self, meeting: MeetingId) -> Result<Vec<Stored<Attachment>>> {
        self.attachments_in(ATTACHMENTS_BY_MEETING, &meeting.doc_id())
    }

    /// One attachment's record.
    pub fn attachment(&self, id: AttachmentId) -> Result<Stored<Attachment>> {
        self.load(id)
    }

    /// An attached file's bytes, exactly as attached — or, with `strip_gps`, without the
    /// place it was taken (EXIF GPS), every other byte kept.
    pub fn attachment_bytes(
        &self,
        id: AttachmentId,
        strip_gps: bool,
    ) -> Result<(Stored<Attachment>, Vec<u8>)> {
        let record = self.load::<Attachment>(id)?;
        let bytes = self
            .store
            .blob(&record.value.sha256)?
            .ok_or_else(|| Error::FileMissing(record.value.name.clone()))?;
        let bytes = if strip_gps {
            photos::strip_gps(&bytes).map_err(|e| Error::Document(e.to_string()))?
        } else {
            bytes
        };
        Ok((record, bytes))
    }

    /// A JPEG of an attached photo whose longer side is at most `max_side` pixels, turned
    /// upright, without any metadata.
    pub fn attachment_image(&self, id: AttachmentId, max_side: u32) -> Result<Vec<u8>> {
        let (record, bytes) = self.attachment_bytes(id, false)?;
        if !photos::is_image(&record.value.media_type) {
            return Err(Error::NotAnImage(format!(
                "{} is not a photo ({})",
                record.value.name, record.value.media_type
            )));
        }
        photos::thumbnail(&bytes, max_side).map_err(|e| Error::NotAnImage(e.to_string()))
    }

    /// Changes an attachment's caption (an empty one removes it).
    pub fn update_attachment(
        &self,
        id: AttachmentId,
        rev: Rev,
        caption: Option<String>,
    ) -> Result<Stored<Attachment>> {
        let _writing = self.exclusive();
        let current = self.load::<Attachment>(id)?;
        self.check_owner(current.value.owner)?;
        let caption = caption.filter(|c| !c.trim().is_empty());
        let value = Attachment {
            caption,
            ..current.value
        }
        .validated()?;
        self.save(id, rev, value)
    }

    /// Removes an attachment from its document. The file itself stays kept (another document
    /// may share it; the history can bring the record back).
    pub fn delete_attachment(&self, id: AttachmentId) -> Result<()> {
        let _writing = self.exclusive();
        let current = self.load::<Attachment>(id)?;
        // An owner deleted since (on another laptop) leaves nothing to check.
        match self.check_owner(current.value.owner) {
            Ok(_) | Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        self.commit(self.deletion(&id.doc_id())?)?;
        Ok(())
    }

    /// Photos of a meeting's site visits for its minutes, visit by visit in the order given
    /// (one index lookup for the whole meeting).
    pub(crate) fn visit_photos(
        &self,
        meeting: MeetingId,
        visits: &[mahdar_model::VisitId],
    ) -> Result<Vec<mahdar_docs::Photo>> {
        let attached = self.meeting_attachments(meeting)?;
        let mut out = Vec::new();
        for (index, visit) in visits.iter().enumerate() {
            let photos_of = attached.iter().filter(|a| {
                a.value.owner == AttachedTo::Visit(*visit) && photos::is_image(&a.value.media_type)
            });
            for a in photos_of {
                // A photo whose file has not reached this laptop yet is printed as a framed
                // note with its caption, not left out.
                let bytes = self.store.blob(&a.value.sha256)?.unwrap_or_default();
                out.push(mahdar_docs::Photo {
                    visit: index,
                    caption: a.value.caption.clone(),
                    name: a.value.name.clone(),
                    bytes,
                });
            }
        }
        Ok(out)
    }
}

impl crate::Record for Attachment {
    type Id = AttachmentId;
    const WHAT: &'static str = "attachment";
}
