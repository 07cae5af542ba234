//! The sync settings: checked before they are kept, and the password never on disk in clear.

use crate::{found_in_files, open};
use mahdar::SyncSettingsInput;

#[test]
fn a_bad_address_is_refused_and_changes_nothing() {
    let t = open();
    let before = t.app.sync_settings().unwrap();
    assert_eq!(before.url, None);
    for bad in [
        "ftp://sync.example.org/mahdar",
        "http://sync.example.org",
        "nonsense",
    ] {
        let e = t
            .app
            .set_sync_settings(SyncSettingsInput {
                url: Some(bad.into()),
                continuous: true,
                ..Default::default()
            })
            .unwrap_err();
        assert_eq!(e.code(), "bad_url", "{bad}: {e}");
        assert!(e.is_user_error());
        assert_eq!(t.app.sync_settings().unwrap(), before);
    }
    // Without a server, syncing from the settings says what to do.
    let e = t
        .app
        .sync_remote(mahdar::SyncTarget::default())
        .unwrap_err();
    assert!(e.to_string().contains("no sync server is set"), "{e}");
}

#[test]
fn the_password_is_kept_sealed_and_can_be_kept_or_removed() {
    let t = open();
    let password = "كلمة-سر-فريدة-4711";
    let saved = t
        .app
        .set_sync_settings(SyncSettingsInput {
            url: Some("  https://sync.example.org/mahdar  ".into()),
            user: Some("secretariat".into()),
            password: Some(password.into()),
            continuous: true,
        })
        .unwrap();
    assert_eq!(
        saved.url.as_deref(),
        Some("https://sync.example.org/mahdar")
    );
    assert!(saved.has_password && saved.continuous);
    assert!(
        found_in_files(t.dir.path(), [password]).is_empty(),
        "the password is nowhere in the data folder in clear"
    );
    // The remote built from the settings names the server without any credentials.
    let remote = t.app.sync_remote(mahdar::SyncTarget::default()).unwrap();
    assert_eq!(remote.url(), "https://sync.example.org/mahdar");

    // `None` keeps the stored password, `""` removes it; no address turns sync off.
    let kept = t
        .app
        .set_sync_settings(SyncSettingsInput {
            url: Some("https://sync.example.org/mahdar".into()),
            user: Some("secretariat".into()),
            password: None,
            continuous: false,
        })
        .unwrap();
    assert!(kept.has_password && !kept.continuous);
    let removed = t
        .app
        .set_sync_settings(SyncSettingsInput {
            url: None,
            user: None,
            password: Some(String::new()),
            continuous: true,
        })
        .unwrap();
    assert!(!removed.has_password && !removed.continuous && removed.url.is_none());
}
