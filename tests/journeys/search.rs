//! Search from the command line: ranked hits as JSON with what a script needs, words found in
//! any spelling, and bad input refused in one line.

use mahdar_journeys::Session;

#[test]
fn search_finds_a_name_in_any_spelling_and_prints_json() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let hits = s.run(&["search", "الزنيبر", "--json"]).json();
    let hits = hits.as_array().expect("an array of hits");
    assert!(hits.len() >= 3, "the person and his statements: {hits:?}");
    for h in hits {
        for field in ["id", "kind", "snippet", "highlights", "score"] {
            assert!(h.get(field).is_some(), "{field} in {h}");
        }
    }
    let statement = hits
        .iter()
        .find(|h| h["kind"] == "statement")
        .expect("a statement");
    assert!(
        statement["meeting"]
            .as_str()
            .expect("its meeting")
            .starts_with("meeting:")
    );
    let people = s
        .run(&["search", "Zniber", "--kind", "person", "--json"])
        .json();
    assert_eq!(people.as_array().expect("hits").len(), 1);

    let text = s.run(&["search", "\"26 مليون\""]).ok();
    assert!(
        text.contains("[26]"),
        "the words found in brackets: {}",
        text
    );
}

#[test]
fn a_wrong_kind_is_refused_in_one_line() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let run = s.run(&["search", "حيار", "--kind", "minutes"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("statement"),
        "names the kinds: {}",
        run.stderr
    );
}
