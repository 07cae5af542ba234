use crate::{Context, Failure};
use mahdar::model::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> Result<(), Failure> {
    let existed = mahdar::Mahdar::exists(&ctx.data_dir);
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
