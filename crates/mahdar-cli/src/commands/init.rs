use crate::{Context, Failure};
use mahdar::{Mahdar, Passphrase, model::Lang};
use std::{path::PathBuf, sync::Arc};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Encrypt the data at rest with a passphrase (asked twice on the terminal, or from
    /// --passphrase-file FILE or MAHDAR_PASSPHRASE); data already in the folder is encrypted
    /// in place
    #[arg(long)]
    encrypt: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let existed = Mahdar::exists(&ctx.data_dir);
    if args.encrypt {
        return encrypt(ctx, existed);
    }
    let app = ctx.open()?;
    let dir = app.data_dir().display();
    let line = match (existed, ctx.lang) {
        (false, Lang::Ar) => format!("أُنشئ مجلد البيانات: {dir}"),
        (true, Lang::Ar) => format!("مجلد البيانات موجود سلفا: {dir}"),
        (false, Lang::Fr) => format!("Dossier de données créé : {dir}"),
        (true, Lang::Fr) => format!("Le dossier de données existe déjà : {dir}"),
        (false, Lang::En) => format!("Created the data folder: {dir}"),
        (true, Lang::En) => format!("The data folder already exists: {dir}"),
    };
    println!("{line}");
    Ok(())
}

/// A new passphrase: the one given, else asked twice on the terminal. (Its length is checked
/// where it is used: the facade refuses a short one.)
fn new_passphrase(ctx: &Context, given: Option<Passphrase>) -> Result<Passphrase, Failure> {
    if let Some(p) = given {
        return Ok(p);
    }
    let first = ctx.ask_passphrase([
        "عبارة المرور الجديدة: ",
        "Nouvelle phrase secrète : ",
        "New passphrase: ",
    ])?;
    let again = ctx.ask_passphrase(["أعد كتابتها: ", "Répétez-la : ", "Type it again: "])?;
    if first.expose() != again.expose() {
        return Err(Failure::Input(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

fn encrypt(ctx: &Context, existed: bool) -> Result<(), Failure> {
    let passphrase = new_passphrase(ctx, ctx.given_passphrase()?)?;
    let app = if existed {
        match Mahdar::open(&ctx.data_dir) {
            Ok(app) => app.encrypt(&passphrase)?,
            Err(e) if e.code() == "store_locked" => {
                return Err(Failure::Input(
                    "the data is already encrypted; to change the passphrase: mahdar passphrase change"
                        .into(),
                ));
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        Mahdar::create_encrypted(&ctx.data_dir, &passphrase, Arc::new(mahdar::SystemClock))?
    };
    let dir = app.data_dir().display();
    println!(
        "{}",
        match (existed, ctx.lang) {
            (false, Lang::Ar) => format!("أُنشئ مجلد البيانات مشفرا: {dir}"),
            (true, Lang::Ar) => format!("شُفّرت البيانات في {dir}"),
            (false, Lang::Fr) => format!("Dossier de données chiffré créé : {dir}"),
            (true, Lang::Fr) => format!("Les données de {dir} sont chiffrées"),
            (false, Lang::En) => format!("Created the encrypted data folder: {dir}"),
            (true, Lang::En) => format!("The data in {dir} is now encrypted"),
        }
    );
    println!(
        "{}",
        ctx.lang.pick(
            "لا يمكن لأحد استرجاع عبارة المرور إن نُسيت: احفظها في مكان آمن.",
            "Personne ne peut retrouver une phrase secrète oubliée : gardez-la en lieu sûr.",
            "Nobody can recover a forgotten passphrase: keep it somewhere safe.",
        )
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct PassphraseArgs {
    #[command(subcommand)]
    action: PassphraseAction,
}

#[derive(Debug, clap::Subcommand)]
enum PassphraseAction {
    /// Change the passphrase: the current one from --passphrase-file, MAHDAR_PASSPHRASE or the
    /// terminal; the new one from --new-passphrase-file, MAHDAR_NEW_PASSPHRASE or the terminal
    Change {
        /// A file whose first line is the new passphrase
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

/// The environment variable a script can put the new passphrase in.
const NEW_PASSPHRASE_ENV: &str = "MAHDAR_NEW_PASSPHRASE";

pub fn passphrase(ctx: &Context, args: PassphraseArgs) -> Result<(), Failure> {
    let PassphraseAction::Change {
        new_passphrase_file,
    } = args.action;
    let given_new = match &new_passphrase_file {
        Some(file) => Some(Passphrase::new(super::first_line(file, "new passphrase")?)),
        None => std::env::var(NEW_PASSPHRASE_ENV)
            .ok()
            .filter(|p| !p.is_empty())
            .map(Passphrase::new),
    };
    if !Mahdar::exists(&ctx.data_dir) {
        return Err(Failure::Input(format!(
            "no Mahdar data in {}; run `mahdar init --encrypt` first",
            ctx.data_dir.display()
        )));
    }
    let current = ctx.passphrase()?;
    let app = Mahdar::unlock(&ctx.data_dir, &current)?;
    let new = new_passphrase(ctx, given_new)?;
    app.change_passphrase(&current, &new)?;
    println!(
        "{}",
        ctx.lang.pick(
            "غُيّرت عبارة المرور؛ لم يُعَد تشفير البيانات. النسخ الاحتياطية السابقة تُفتح بالعبارة القديمة: احذفها إن كانت تلك العبارة قد سُرّبت.",
            "Phrase secrète changée ; les données n'ont pas été rechiffrées. Les sauvegardes antérieures s'ouvrent avec l'ancienne phrase : supprimez-les si elle a fuité.",
            "Passphrase changed; the data was not re-encrypted. Earlier backups open with the old passphrase: delete them if it leaked.",
        )
    );
    Ok(())
}
