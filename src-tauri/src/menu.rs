//! The window's title and menus, in the interface language; menu choices are passed to the UI
//! as `menu` events carrying the item's id.

use mahdar::model::Lang;
use tauri::{
    AppHandle, Emitter, Manager, Wry,
    menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu},
};

/// The window title in a language.
pub fn title(lang: Lang) -> &'static str {
    lang.pick(
        "محضر — محاضر الاجتماعات وتتبعها",
        "Mahdar — procès-verbaux et suivi",
        "Mahdar — minutes and follow-up",
    )
}

fn build(app: &AppHandle, lang: Lang) -> tauri::Result<Menu<Wry>> {
    let item = |id: &str, ar: &str, fr: &str, en: &str, key: Option<&str>| {
        MenuItem::with_id(app, id, lang.pick(ar, fr, en), true, key)
    };
    let file = Submenu::with_items(
        app,
        lang.pick("ملف", "Fichier", "File"),
        true,
        &[
            &item(
                "new-meeting",
                "اجتماع جديد",
                "Nouvelle réunion",
                "New meeting",
                Some("CmdOrCtrl+N"),
            )?,
            &item(
                "minutes-mode",
                "وضع تدوين المحضر",
                "Mode prise de notes",
                "Minute-taking mode",
                Some("CmdOrCtrl+M"),
            )?,
            &PredefinedMenuItem::separator(app)?,
            // A menu item of our own: the predefined Quit does nothing on GTK.
            &item("quit", "خروج", "Quitter", "Quit", Some("CmdOrCtrl+Q"))?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        lang.pick("تحرير", "Édition", "Edit"),
        true,
        &[
            // Undo and redo cannot be menu items on GTK (text fields keep Ctrl+Z).
            #[cfg(not(target_os = "linux"))]
            &PredefinedMenuItem::undo(app, Some(lang.pick("تراجع", "Annuler", "Undo")))?,
            #[cfg(not(target_os = "linux"))]
            &PredefinedMenuItem::redo(app, Some(lang.pick("إعادة", "Rétablir", "Redo")))?,
            #[cfg(not(target_os = "linux"))]
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, Some(lang.pick("قص", "Couper", "Cut")))?,
            &PredefinedMenuItem::copy(app, Some(lang.pick("نسخ", "Copier", "Copy")))?,
            &PredefinedMenuItem::paste(app, Some(lang.pick("لصق", "Coller", "Paste")))?,
            &PredefinedMenuItem::select_all(
                app,
                Some(lang.pick("تحديد الكل", "Tout sélectionner", "Select all")),
            )?,
        ],
    )?;
    let view = Submenu::with_items(
        app,
        lang.pick("عرض", "Affichage", "View"),
        true,
        &[
            &item(
                "view-meetings",
                "الاجتماعات",
                "Réunions",
                "Meetings",
                Some("CmdOrCtrl+1"),
            )?,
            &item(
                "view-registry",
                "سجل الأشخاص والهيئات",
                "Personnes et organismes",
                "People and organisations",
                Some("CmdOrCtrl+2"),
            )?,
            &item(
                "view-settings",
                "الإعدادات",
                "Paramètres",
                "Settings",
                Some("CmdOrCtrl+,"),
            )?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "lang-ar", "العربية", true, None::<&str>)?,
            &MenuItem::with_id(app, "lang-fr", "Français", true, None::<&str>)?,
            &MenuItem::with_id(app, "lang-en", "English", true, None::<&str>)?,
        ],
    )?;
    let help = Submenu::with_items(
        app,
        lang.pick("مساعدة", "Aide", "Help"),
        true,
        &[&item(
            "about",
            "حول محضر",
            "À propos de Mahdar",
            "About Mahdar",
            None,
        )?],
    )?;
    Menu::with_items(app, &[&file, &edit, &view, &help])
}

/// Sets the menus and the window title in `lang`. Failures are not fatal: the app works
/// without a menu bar. GTK is not thread-safe, so the work runs on the main thread whichever
/// thread asks (a command runs on a worker).
pub fn apply_language(app: &AppHandle, lang: Lang) {
    let handle = app.clone();
    let on_main = app.run_on_main_thread(move || {
        // Right to left mirrors the whole window, the native menu bar included.
        #[cfg(target_os = "linux")]
        gtk::Widget::set_default_direction(if lang.is_rtl() {
            gtk::TextDirection::Rtl
        } else {
            gtk::TextDirection::Ltr
        });
        match build(&handle, lang) {
            Ok(menu) => {
                if let Err(e) = handle.set_menu(menu) {
                    eprintln!("mahdar-app: the menu could not be set: {e}");
                }
            }
            Err(e) => eprintln!("mahdar-app: the menu could not be built: {e}"),
        }
        if let Some(window) = handle.get_webview_window("main") {
            let _ = window.set_title(title(lang));
        }
    });
    if let Err(e) = on_main {
        eprintln!("mahdar-app: the language of the menus could not be changed: {e}");
    }
}

/// Quits, or passes a menu choice to the UI.
pub fn on_event(app: &AppHandle, event: MenuEvent) {
    if event.id().as_ref() == "quit" {
        // Every saved statement is already on disk: nothing to flush.
        app.exit(0);
        return;
    }
    let _ = app.emit_to("main", "menu", event.id().as_ref());
}
