//! Proceedings benchmark: a volume of 1,000 papers of 8 pages (8,000 pages), as the build job
//! makes it: the front matter (with a 1,000-line table of contents) and the author index
//! typeset, the papers joined behind them with page numbers stamped into one PDF written to
//! disk, and each paper alone, stamped, into a zip. Reports time, output size and the
//! process's peak memory (VmHWM) after each phase. Target: the whole build under 2 minutes,
//! memory bounded (one paper in memory at a time).
//!
//! Run: `cargo bench --bench proceedings`; `XUEHUI_BENCH_PAPERS` and `XUEHUI_BENCH_PAGES`
//! change the sizes. Needs a Chinese font (Debian fonts-noto-cjk).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lopdf::{Document, Object, Stream, dictionary};
use xuehui::files::pdf::Limits;
use xuehui::proceedings::assemble::{Label, Piece, assemble};
use xuehui::reports::documents::{AuthorIndex, ContentsPaper, ContentsPart, FrontMatter, VolumeInfo};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A small deterministic generator, so the papers do not compress better than real ones.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const WORDS: &[&str] = &[
    "peer",
    "review",
    "conference",
    "evaluation",
    "society",
    "journal",
    "method",
    "results",
    "data",
    "model",
    "analysis",
    "network",
    "learning",
    "quality",
    "indicator",
    "we",
    "show",
    "that",
    "the",
    "of",
    "and",
    "in",
    "a",
    "is",
    "for",
    "with",
];

/// A paper of `pages` pages: about 4 KB of varied text per page (compressed, as in real
/// papers) and one 280×280 grey image of noise, so each file is roughly 100 KB.
fn paper(pages: usize, seed: usize) -> Vec<u8> {
    let mut rng = XorShift(seed as u64 * 2_654_435_761 + 1);
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman" });
    let pixels: Vec<u8> = (0..280 * 280).map(|_| (rng.next() >> 24) as u8).collect();
    let mut image = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 280, "Height" => 280, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        pixels,
    );
    let _ = image.compress();
    let image = doc.add_object(image);
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Im1" => image } });
    let mut kids = Vec::new();
    for p in 0..pages {
        let mut content = String::from("BT /F1 10 Tf 72 760 Td 12 TL\n");
        for _ in 0..60 {
            let line: Vec<&str> = (0..10).map(|_| WORDS[(rng.next() % WORDS.len() as u64) as usize]).collect();
            content.push_str(&format!("({} {}) '\n", line.join(" "), rng.next() % 10_000));
        }
        content.push_str("ET\n");
        if p == 0 {
            content.push_str("q 200 0 0 200 72 300 cm /Im1 Do Q\n");
        }
        let mut stream = Stream::new(dictionary! {}, content.into_bytes());
        let _ = stream.compress();
        let c = doc.add_object(stream);
        kids.push(
            doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => c })
                .into(),
        );
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("sample paper");
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn main() {
    let papers = env_or("XUEHUI_BENCH_PAPERS", 1000);
    let pages = env_or("XUEHUI_BENCH_PAGES", 8);
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let mut paths = Vec::new();
    let mut bytes = 0u64;
    for i in 0..papers {
        let pdf = paper(pages, i);
        bytes += pdf.len() as u64;
        paths.push(write(dir.path(), &format!("p{i}.pdf"), &pdf));
    }
    println!(
        "generated {papers} papers of {pages} pages, {:.0} MB, in {:.1} s; peak {:.0} MiB",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        peak_mib()
    );

    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let build = Instant::now();
    let t = Instant::now();
    let parts: Vec<ContentsPart> = (0..10)
        .map(|part| ContentsPart {
            part_zh: format!("分会场 {part}"),
            part_en: format!("Track {part}"),
            papers: (0..papers / 10)
                .map(|i| ContentsPaper {
                    title_zh: format!("面向学会学术交流的第 {i} 项研究"),
                    title_en: format!("Study number {i} on the academic exchange of learned societies"),
                    authors: "Zhang Wei (张伟), Li Hua (李华), James Smith".into(),
                    first_page: ((part * (papers / 10) + i) * pages + 1) as u32,
                })
                .collect(),
        })
        .collect();
    let front = FrontMatter {
        volume: VolumeInfo {
            title_zh: "基准论文集".into(),
            title_en: "Benchmark proceedings".into(),
            year: 2027,
            ..VolumeInfo::default()
        },
        contents: parts,
        ..FrontMatter::default()
    };
    let front_pdf =
        xuehui::reports::render(&templates, None, "proceedings_front", &front).expect("front matter (fonts-noto-cjk installed?)");
    let index = AuthorIndex {
        title_zh: "作者索引".into(),
        title_en: "Author index".into(),
        first_page: (papers * pages + 1) as u32,
        authors: (0..papers * 3)
            .map(|i| (format!("Author {i:05}"), vec![(i / 3 * pages + 1) as u32]))
            .collect(),
    };
    let index_pdf = xuehui::reports::render(&templates, None, "proceedings_index", &index).expect("index");
    println!(
        "typeset front matter ({} pages) and author index ({} pages) in {:.1} s; peak {:.0} MiB",
        front_pdf.pages,
        index_pdf.pages,
        t.elapsed().as_secs_f64(),
        peak_mib()
    );
    let front_path = write(dir.path(), "front.pdf", &front_pdf.pdf);
    let index_path = write(dir.path(), "index.pdf", &index_pdf.pdf);

    let limits = Limits::default();
    let t = Instant::now();
    let mut pieces = vec![Piece {
        path: front_path,
        label: Label::Roman,
        stamp: false,
        outline: None,
    }];
    for (i, p) in paths.iter().enumerate() {
        pieces.push(Piece {
            path: p.clone(),
            label: Label::Arabic((i * pages + 1) as u32),
            stamp: true,
            outline: Some((format!("Track {}", i / (papers / 10).max(1)), format!("Paper {i}"))),
        });
    }
    pieces.push(Piece {
        path: index_path,
        label: Label::Arabic((papers * pages + 1) as u32),
        stamp: false,
        outline: None,
    });
    let out = dir.path().join("volume.pdf");
    let file = std::io::BufWriter::new(std::fs::File::create(&out).expect("create"));
    let done = assemble(&pieces, "Benchmark proceedings", file, &limits).expect("assembled");
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "one volume PDF: {} pages, {:.0} MB, in {:.1} s; peak {:.0} MiB",
        done.pages,
        size as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        peak_mib()
    );

    let t = Instant::now();
    let zip_path = dir.path().join("papers.zip");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(std::fs::File::create(&zip_path).expect("zip")));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for piece in &pieces[1..pieces.len() - 1] {
        let mut single = Vec::new();
        assemble(std::slice::from_ref(piece), "paper", &mut single, &limits).expect("single");
        zip.start_file(
            format!("{}.pdf", piece.path.file_stem().and_then(|s| s.to_str()).unwrap_or("p")),
            options,
        )
        .expect("entry");
        zip.write_all(&single).expect("zip write");
    }
    zip.finish().expect("zip finish");
    let zsize = std::fs::metadata(&zip_path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{papers} single papers, stamped, into a zip of {:.0} MB in {:.1} s; peak {:.0} MiB",
        zsize as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        peak_mib()
    );
    println!("whole build: {:.1} s", build.elapsed().as_secs_f64());
    if let Ok(out) = std::process::Command::new("pdfinfo").arg(&out).output() {
        let info = String::from_utf8_lossy(&out.stdout);
        println!("pdfinfo: {}", info.lines().find(|l| l.starts_with("Pages")).unwrap_or("?"));
    }
}
