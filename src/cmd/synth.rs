//! `gwr synth`: a realistic corpus of any size, made by varying the sample reports: other towns,
//! other years, other numbers, paragraphs reordered, some files in GB18030 or HTML, a few bad
//! files. The same seed always gives the same corpus, so benchmarks and tests can rely on it.

use crate::cli::SynthArgs;
use crate::read;
use anyhow::Context;
use regex::Regex;
use std::path::Path;

/// Files per sub-folder, so a national-size corpus does not put 40,000 files in one folder.
const FILES_PER_FOLDER: usize = 1000;

/// A small, fast, seedable generator (SplitMix64): the corpus must be the same on every machine
/// and every version, which a general-purpose RNG crate does not promise.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One sample report to vary: its body and the town name it speaks for.
struct Template {
    body: String,
    town: String,
}

pub fn run(args: &SynthArgs) -> anyhow::Result<i32> {
    if !args.from.is_dir() {
        anyhow::bail!(
            "no folder {} of sample reports to vary: run gwr synth inside the repository, or give \
             --from the repository's corpus/ folder or a folder of your own reports",
            args.from.display()
        );
    }
    let templates = templates(&args.from)?;
    if templates.is_empty() {
        anyhow::bail!("no reports found in {} to vary (give --from a folder of report files)", args.from.display());
    }
    let towns = town_names();
    let number = Regex::new(r"\d+(\.\d+)?").context("number pattern")?;
    let mut rng = Rng(args.seed);
    let mut bytes_written = 0usize;
    for i in 0..args.reports {
        let t = &templates[rng.below(templates.len())];
        let town = &towns[rng.below(towns.len())];
        let shift = rng.below(5) as i32 - 3;
        let body = vary(&t.body, &t.town, town, shift, &number, &mut rng);
        let folder = args.out.join(format!("{:03}", i / FILES_PER_FOLDER));
        std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
        let roll = rng.below(1000);
        let (name, bytes) = if roll < args.bad_per_mille as usize {
            bad_file(i, &mut rng)
        } else if roll < 100 {
            (format!("{i:06}.txt"), encoding_rs::GB18030.encode(&page(&body)).0.into_owned())
        } else if roll < 180 {
            (format!("{i:06}.html"), html(&body).into_bytes())
        } else {
            (format!("{i:06}.txt"), page(&body).into_bytes())
        };
        bytes_written += bytes.len();
        std::fs::write(folder.join(&name), &bytes).with_context(|| format!("writing {name}"))?;
    }
    println!(
        "wrote {} files ({:.1} MB) under {} from {} sample reports, seed {}",
        args.reports,
        bytes_written as f64 / 1e6,
        args.out.display(),
        templates.len(),
        args.seed
    );
    Ok(super::EXIT_OK)
}

fn templates(from: &Path) -> anyhow::Result<Vec<Template>> {
    let mut out = Vec::new();
    for file in crate::files::walk(&[from.to_path_buf()]).files.into_iter().map(|f| f.path) {
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let Ok(read) = read::read_bytes(&bytes, None) else { continue };
        for raw in read.reports {
            let meta = crate::parse::meta::parse(&raw.folded, &read.page, raw.kind, raw.page_title.as_deref());
            if let Some(town) = meta.town {
                out.push(Template { body: raw.body, town });
            }
        }
    }
    Ok(out)
}

/// Township names to put in place of the sample towns'.
fn town_names() -> Vec<String> {
    const FIRST: &str = "东西南北上下大小新老金银石青白红黄龙凤马牛高长平安和兴福寿永顺清河湖山";
    const SECOND: &str = "桥塘溪坪桥岭口湾店集坝堡庄田林港头岗沟川源坊浦埠渡";
    let mut names = Vec::new();
    for a in FIRST.chars() {
        for b in SECOND.chars() {
            names.push(format!("{a}{b}{}", if (a as u32 + b as u32).is_multiple_of(5) { "乡" } else { "镇" }));
        }
    }
    names
}

/// The template's text for another town and years, with its numbers changed and some paragraphs
/// swapped with their neighbours (headings stay in place).
fn vary(body: &str, from_town: &str, to_town: &str, shift: i32, number: &Regex, rng: &mut Rng) -> String {
    let short_from = from_town.trim_end_matches(['镇', '乡']);
    let short_to = to_town.trim_end_matches(['镇', '乡']);
    let text = body.replace(from_town, to_town).replace(short_from, short_to);
    let text = number.replace_all(&text, |c: &regex::Captures| {
        let s = &c[0];
        match s.parse::<f64>() {
            // Years move together, so review and plan years stay one apart.
            Ok(y) if s.len() == 4 && (2000.0..=2030.0).contains(&y) && c.get(1).is_none() => {
                format!("{}", y as i32 + shift)
            }
            Ok(v) if v >= 10.0 => {
                let decimals = c.get(1).map_or(0, |d| d.as_str().len() - 1);
                format!("{:.*}", decimals, v * (0.7 + 0.6 * rng.unit()))
            }
            _ => s.to_string(),
        }
    });
    let mut lines: Vec<&str> = text.lines().collect();
    for i in 1..lines.len().saturating_sub(1) {
        let long = |l: &str| l.chars().count() > 80;
        if long(lines[i]) && long(lines[i + 1]) && rng.below(4) == 0 {
            lines.swap(i, i + 1);
        }
    }
    lines.join("\n")
}

/// The report as a county site's page saved as text.
fn page(body: &str) -> String {
    let (title, rest) = body.split_once('\n').unwrap_or((body, ""));
    format!(
        "当前位置:首页 > 政务公开 > 规划计划\n索引号: 330000-000/2025-00001 公开方式: 主动公开\n{title}\n\
         发布日期:2025-02-14 10:00 信息来源:镇政府 浏览次数:\n\n{}\n\n关闭\n打印\n",
        rest.replace('\n', "\n\n")
    )
}

/// The report as an HTML page with navigation, a script and a footer.
fn html(body: &str) -> String {
    let (title, rest) = body.split_once('\n').unwrap_or((body, ""));
    let paragraphs: String = rest.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>\
         <script>var nav = 1;</script></head><body><div class=\"nav\">首页 &gt; 政务公开</div>\
         <h1>{title}</h1><div class=\"content\">\n{paragraphs}</div>\
         <div class=\"footer\">版权所有 设为首页</div></body></html>"
    )
}

/// A file a loader must refuse: empty, binary, a news item or a template with placeholders.
fn bad_file(i: usize, rng: &mut Rng) -> (String, Vec<u8>) {
    match rng.below(4) {
        0 => (format!("{i:06}.txt"), Vec::new()),
        1 => (format!("{i:06}.txt"), (0..4096).map(|_| rng.next() as u8).collect()),
        2 => (format!("{i:06}.txt"), "本报讯 今日气温回升,市民纷纷出游。".repeat(30).into_bytes()),
        _ => (
            format!("{i:06}.txt"),
            "XX镇2024年政府工作报告\n各位代表:\n一、2024年工作回顾\n全年规上工业产值X.X亿元,同比增长XX%,\
             一般公共预算收入xx万元。\n二、2025年工作安排\n力争地区生产总值增长X%。\n"
                .repeat(3)
                .into_bytes(),
        ),
    }
}
