//! `export-csv` and `export-map`: the placements as a table, the map as SVG and PNG.

use crate::support::{continuum, sample_path, text};

#[test]
fn export_csv_writes_one_rfc4180_row_per_placement() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("placements.csv");
    let out = continuum(&[
        "export-csv".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        out_path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("wrote 80 placements to {}", out_path.display())
    );
    let table = std::fs::read_to_string(&out_path).unwrap();
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        continuum::io::COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 80);
    // Quotes with commas survive the round trip intact.
    assert_eq!(
        &rows[0][10],
        "we are not strangers walking in with a key box any more, we are part of her week"
    );
    assert_eq!(
        (&rows[0][0], &rows[0][3], &rows[0][8], &rows[0][9]),
        ("Anna Holm", "Hjemmeplejen Vestbo", "0.22", "Friend")
    );
    assert!(table.contains("\r\n"), "RFC 4180 line ends");
    // The excerpt's label and codes close each row.
    let by_label = |label: &str| rows.iter().find(|r| &r[12] == label).unwrap();
    assert_eq!(
        &by_label("Frikadeller together")[13],
        "reciprocity; co-production"
    );
    assert_eq!(&by_label("Part of her week")[13], "");
}

#[test]
fn export_map_writes_valid_svg_with_real_text_and_a_png_of_the_right_size() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("map.svg");
    let out = continuum(&[
        "export-map".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        svg_path.as_os_str(),
        "--title".as_ref(),
        "Closeness & distance".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("80 markers in 2 lanes"),
        "{}",
        text(&out.stdout)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    // Well-formed XML, every marker a circle (plus two legend dots), text as text.
    let mut reader = quick_xml::Reader::from_str(&svg);
    let (mut circles, mut texts) = (0, Vec::new());
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(e) if e.local_name().as_ref() == b"circle" => {
                circles += 1
            }
            quick_xml::events::Event::Start(e) if e.local_name().as_ref() == b"text" => {
                in_text = true
            }
            quick_xml::events::Event::End(e) if e.local_name().as_ref() == b"text" => {
                in_text = false
            }
            quick_xml::events::Event::Text(t) if in_text => {
                texts.push(t.decode().unwrap().into_owned())
            }
            quick_xml::events::Event::GeneralRef(r) if in_text => texts
                .last_mut()
                .unwrap()
                .push_str(&format!("&{};", r.decode().unwrap())),
            _ => {}
        }
    }
    assert_eq!(circles, 82);
    for expected in [
        "Family",
        "Friend",
        "Professional",
        "Stranger",
        "Hjemmeplejen Vestbo",
        "Anna Holm",
        "Part of her week",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} missing from {texts:?}"
        );
    }
    assert!(
        svg.contains(r#"font-family="Ubuntu, Arial, Helvetica, 'Liberation Sans', sans-serif""#)
    );
    assert!(svg.contains("Closeness &amp; distance"));

    let png_path = dir.path().join("map.png");
    let out = continuum(&[
        "export-map".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        png_path.as_os_str(),
        "--width".as_ref(),
        "252".as_ref(),
        "--scale".as_ref(),
        "4".as_ref(),
        "--no-labels".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let decoder = png::Decoder::new(std::io::Cursor::new(std::fs::read(&png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let (w, h) = (reader.info().width, reader.info().height);
    assert_eq!(w, 1050, "252 pt (3.5 in, a journal column) at 300 dpi");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut pixels).unwrap();
    let channels = pixels.len() / (w as usize * h as usize);
    // A white corner, and the ink of the axis somewhere.
    assert_eq!(&pixels[..3], &[255, 255, 255]);
    let dark = pixels
        .chunks(channels)
        .filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80)
        .count();
    assert!(dark > 500, "only {dark} dark pixels");

    let bad = continuum(&[
        "export-map".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        dir.path().join("map.pdf").as_os_str(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("must be .svg or .png"));
}

#[test]
fn export_map_filters_and_colours_by_case_and_names_what_it_cannot_find() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("citizens.svg");
    let arg = |s: &str| std::ffi::OsString::from(s);
    let run = |extra: &[&str]| {
        let mut args = vec![
            arg("export-map"),
            sample_path().into_os_string(),
            arg("--out"),
            svg_path.clone().into_os_string(),
        ];
        args.extend(extra.iter().map(|s| arg(s)));
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        continuum(&refs)
    };
    let out = run(&[
        "--role",
        "citizen",
        "--case",
        "hjemmeplejen vestbo",
        "--colour-by",
        "case",
        "--no-zones",
        "--connect",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Ingrid Dahl is Vestbo's one citizen; her 7 excerpts are placed by both annotators.
    assert!(
        text(&out.stdout).contains("14 markers in 1 lane"),
        "{}",
        text(&out.stdout)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains(">Hjemmeplejen Vestbo</text>"));
    assert!(!svg.contains(">Anna Holm</text>"), "the legend names cases");
    assert!(!svg.contains("#f2f2f2"), "no zones were asked for");
    assert_eq!(
        svg.matches(r##"stroke="#aaaaaa""##).count(),
        7,
        "each of Ingrid Dahl's 7 excerpts joins its two annotators' markers"
    );

    for (extra, message) in [
        (
            &["--case", "Nowhere"][..],
            "there is no case called “Nowhere”; there are: Hjemmeplejen Vestbo, Dagcentret Lindely",
        ),
        (
            &["--role", "nurse"],
            "no participant has the role “nurse”; the roles are: citizen, manager, staff",
        ),
        (
            &["--code", "loneliness"],
            "no excerpt has the code “loneliness”; the codes are: co-production, death and farewell, display rules, kin terms, reciprocity",
        ),
    ] {
        let out = run(extra);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        assert!(text(&out.stderr).contains(message), "{}", text(&out.stderr));
    }
}
