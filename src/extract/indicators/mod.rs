//! Indicators: the figures the review parts report, one row per (name, value) with its growth,
//! period and provenance span.
//!
//! Which text counts: the parts the section tree marks review, problems, preamble or other (the
//! review-summary preface included), less a news item's plan paragraphs.
//!
//! How a row is read, for every quantity the number reader finds there:
//! - quantities that are not figures are left: thresholds (`30万以上32个村`, `超10亿元的企业`,
//!   `80万元以上村`), targets named as such (`突破70亿元目标`), rates inside a growth phrase (they
//!   become the growth of the figure before them), planned figures (`将增加至580张`, `可达`, `力争`),
//!   numbers inside a quoted slogan (`“15分钟生活圈”`), amounts or capacities of a project
//!   (`150万件服装生产线建设项目`), streaks and durations counted in 年/周, and Chinese numerals without
//!   a qualifier or multiplier (`八项规定`, `四张名片`: the genre names things with them);
//! - the name is the words of the same clause before the value, with markers (一是, 其中, 全年,
//!   1-10月...) and verbs (达到, 实现, 增至...) trimmed; a count written before its noun
//!   (`10余个重点项目`), land or length before what it measures (`2775亩土地`) and an amount after a
//!   verb (`发放约1150万元电子消费券`) are named by the noun after them; a clause with no name of its
//!   own (`,达到74.23亿元`) takes the subject of the sentence's previous figure;
//! - distributive clauses (`A、B分别增长x%、y%`, `分别带动A和B年增收x、y`, `化解率、满意度均100%`) give
//!   one row per name; rates glued by the scrape (`下降37.5%25%`) are read as a list;
//! - a growth phrase with no level of its own (`诈骗案件同比下降34.8%`, `增长74倍`) is a row with no
//!   value and an empty unit;
//! - the span runs from the name through the value and its growth phrase, so the quote shows both.
//!
//! The rules, tried in this order for each quantity (each a function of [`rules`], returning the
//! rows it reads or nothing): [`rules::distributive_list`], [`rules::attributive_pair`],
//! [`rules::shared_value`], [`rules::level_after_growth`], [`rules::level`]; then for each growth
//! phrase no level took: [`rules::rates_to_levels`], [`rules::growth_list`], [`rules::growth_only`]. The words they read
//! are data (data/indicator_words.toml, [`words`]); names are trimmed in [`names`]; the review's
//! test of a figure is [`figure`].

mod figure;
#[cfg(test)]
mod forms;
mod growth;
mod names;
mod rules;
mod words;

pub(crate) use figure::{figure_check, names_a_project};

use super::number::Growth;
use super::period::Periods;
use super::Context;
use crate::model::{Indicator, Quantity, Span};
use crate::text::clauses::Stop;
use figure::{code_of, is_figure, readable};
use growth::growth_runs;
use names::{clause_start, close_quotes, list_clause_start, near, Stops};
use rules::{At, Reader};
use rustc_hash::FxHashSet;

pub fn extract(ctx: &Context) -> Vec<Indicator> {
    let text = ctx.folded.text.as_str();
    let readable_at = |byte: usize| readable(ctx, ctx.folded.char_of(byte));
    let sentences = Stops::new(ctx, Stop::Semicolon);
    let runs = growth_runs(text, &ctx.growths, &sentences);
    let mut r = Reader {
        text,
        found: &ctx.quantities,
        runs,
        sentences,
        // A figure row per quantity at most, and a few growth phrases of their own: sized once
        // rather than grown (and copied) a row at a time.
        rows: Vec::with_capacity(ctx.quantities.len() + ctx.growths.len()),
        used_growth: FxHashSet::default(),
        done: FxHashSet::default(),
        subject: None,
    };
    for i in 0..r.found.len() {
        let f = &r.found[i];
        // Runs are in text order and apart: the one that could hold a figure is found by binary search.
        let k = r.runs.partition_point(|run| run.start <= f.start);
        let in_growth = k > 0 && f.end <= r.runs[k - 1].end;
        if r.done.contains(&f.start) || !readable_at(f.start) || in_growth {
            continue;
        }
        let (s_start, _) = r.sentences.around(text, f.start);
        let c_start = clause_start(text, f.start, s_start);
        if !is_figure(text, f, &text[c_start..f.start]) {
            continue;
        }
        // The words before the value start after any earlier quantity in the clause.
        // (Figures are in text order: going back stops at the clause's start.)
        let from = r.found[..i]
            .iter()
            .rev()
            .take_while(|p| p.end > c_start)
            .find(|p| p.end <= f.start)
            .map_or(c_start, |p| p.end);
        let at = At { i, s_start, c_start, l_start: list_clause_start(text, f.start, s_start), from };
        let rows = rules::distributive_list(&r, &at)
            .or_else(|| rules::attributive_pair(&r, &at))
            .or_else(|| rules::shared_value(&r, &at))
            .or_else(|| rules::level_after_growth(&mut r, &at))
            .or_else(|| rules::level(&mut r, &at));
        if let Some(rows) = rows {
            if rows.len() > 1 {
                r.done.extend(rows.iter().map(|row| row.value_at));
            }
            r.rows.extend(rows);
        }
    }
    // Growth phrases with no level of their own.
    let runs = std::mem::take(&mut r.runs);
    for run in &runs {
        if r.used_growth.contains(&run.start) || !readable_at(run.start) || rules::rates_to_levels(&mut r, run) {
            continue;
        }
        if let Some(rows) = rules::growth_list(&r, run).or_else(|| rules::growth_only(&r, run)) {
            r.rows.extend(rows);
        }
    }
    let mut rows = r.rows;
    rows.sort_by_key(|row| (row.value_at, row.start));
    let full = Stops::new(ctx, Stop::Sentence);
    let mut periods = Periods::default();
    let mut indicators = Vec::with_capacity(rows.len());
    indicators.extend(rows.into_iter().filter_map(|row| row_to_indicator(ctx, &full, &mut periods, row)));
    indicators
}

/// What one row is built from, in byte offsets of the folded text.
pub(super) struct Row {
    /// The rule that read it (shown by `gwr inspect --explain`).
    pub rule: &'static str,
    pub name: (usize, usize),
    /// IndicatorWords the text leaves to the first name of a list (限上 of 限上零、住、餐).
    pub name_head: Option<String>,
    pub quantity: Option<Quantity>,
    pub growth: Option<Growth>,
    pub start: usize,
    pub end: usize,
    pub value_at: usize,
}

fn row_to_indicator(ctx: &Context, full: &Stops, periods: &mut Periods, mut r: Row) -> Option<Indicator> {
    let text = ctx.folded.text.as_str();
    r.name = close_quotes(text, r.name.0, r.name.1);
    let (head, own) = (r.name_head.as_deref().unwrap_or(""), text[r.name.0..r.name.1].trim());
    let mut name = String::with_capacity(head.len() + own.len());
    name.push_str(head);
    name.push_str(own);
    if name.is_empty() {
        return None;
    }
    // A period or 预计 written at the head of a sentence holds across its semicolons
    // (预计全镇地区生产总值15.2亿元;新增固定资产投资6917万元;...).
    let (s_start, s_end) = full.around(text, r.value_at);
    let (s_start, s_end) = near(text, s_start, s_end, r.value_at);
    let period = periods.at(text, (s_start, s_end), r.value_at, ctx.meta.review_year);
    let estimated = crate::text::words::contains(&text[s_start..r.value_at], "预计");
    let start_c = ctx.folded.char_of(r.start.min(r.name.0));
    let end_c = ctx.folded.char_of(r.end.max(r.name.1));
    let g = r.growth.unwrap_or_default();
    let quantity = r.quantity.unwrap_or_default();
    Some(Indicator {
        rule: r.rule,
        section: ctx.section_at(ctx.folded.char_of(r.value_at)),
        indicator_code: code_of(&name, &quantity.unit_base),
        name,
        period_year: period.year,
        month_from: period.month_from,
        month_to: period.month_to,
        quantity,
        growth_pct: g.pct,
        growth_multiple: g.multiple,
        change_pp: g.pp,
        estimated,
        span: Span::new(start_c, end_c),
        quote: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Indicator> {
        let report = crate::extract::TestReport::new(text);
        let mut rows = extract(&report.context());
        for r in &mut rows {
            r.quote = text.chars().skip(r.span.start).take(r.span.end - r.span.start).collect();
        }
        rows
    }

    fn find<'a>(rows: &'a [Indicator], name: &str) -> &'a Indicator {
        rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no row named {name}: {rows:#?}"))
    }

    #[test]
    fn level_growth_and_quote_from_one_clause() {
        let rows = run("二是全年税收收入约3.77亿元,同比增长63%,一般公共预算收入约2.06亿元,同比增长50%。");
        assert_eq!(rows.len(), 2, "{rows:#?}");
        let r = find(&rows, "税收收入");
        assert_eq!((r.quantity.value, r.quantity.unit.as_str()), (Some(3.77), "亿元"));
        assert_eq!(r.quantity.value_base, Some(377_000_000.0));
        assert_eq!((r.growth_pct, r.quantity.qualifier.as_deref()), (Some(63.0), Some("约")));
        assert_eq!(r.quote, "全年税收收入约3.77亿元,同比增长63%");
        assert_eq!(r.indicator_code.as_deref(), Some("tax_revenue"));
        assert_eq!((r.period_year, r.month_from, r.month_to), (Some(2024), None, None));
    }

    #[test]
    fn a_clause_without_a_name_takes_the_subject() {
        let rows = run(
            "一是规上工业产值继2023年突破60亿大关之后,2024年仍然持续上扬突破70亿元目标,达到74.23亿元,同比增长23.75%。",
        );
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.quantity.value, r.period_year, r.growth_pct)).collect();
        assert_eq!(
            v,
            vec![
                ("规上工业产值", Some(60.0), Some(2023), None),
                ("规上工业产值", Some(74.23), Some(2024), Some(23.75))
            ]
        );
    }

    #[test]
    fn distributive_growths_give_one_row_per_name() {
        let rows = run("1-10月,限上零、住、餐分别增长65.6%、9.8%、36.1%。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.growth_pct, r.month_to)).collect();
        assert_eq!(
            v,
            vec![("限上零", Some(65.6), Some(10)), ("限上住", Some(9.8), Some(10)), ("限上餐", Some(36.1), Some(10))]
        );
        assert!(rows.iter().all(|r| r.quantity.value.is_none() && r.quantity.unit.is_empty()));
    }

    #[test]
    fn glued_distributive_declines() {
        // The scrape lost the 和 between the two rates: 分别下降37.5%25%.
        let rows = run("全年各类生产安全事故数、亡人数分别下降37.5%25%。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.growth_pct)).collect();
        assert_eq!(v, vec![("各类生产安全事故数", Some(-37.5)), ("亡人数", Some(-25.0))]);
    }

    #[test]
    fn rates_listed_after_the_levels_go_back_to_them() {
        let rows = run("全年实现税收收入5.2亿元,一般公共预算收入1.6亿元,同比分别-3.5%、+8.1%。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.quantity.value, r.growth_pct)).collect();
        assert_eq!(v, vec![("税收收入", Some(5.2), Some(-3.5)), ("一般公共预算收入", Some(1.6), Some(8.1))]);
        let rows = run("完成工业产值12亿元、服务业营收3亿元,同比分别增长6%、9%。");
        let v: Vec<_> = rows.iter().map(|r| (r.quantity.value, r.growth_pct)).collect();
        assert_eq!(v, vec![(Some(12.0), Some(6.0)), (Some(3.0), Some(9.0))]);
    }

    #[test]
    fn distributive_levels_after_fenbie() {
        let rows = run("分别带动村集体经济和从业农户年增收100万元、28万元以上。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.quantity.value, r.quantity.value_base)).collect();
        assert_eq!(
            v,
            vec![("带动村集体经济", Some(100.0), Some(1_000_000.0)), ("从业农户年增收", Some(28.0), Some(280_000.0))]
        );
    }

    #[test]
    fn glued_values_give_two_rows() {
        let rows = run("本地企业占比57.2%22.3%。");
        let v: Vec<_> = rows.iter().map(|r| r.quantity.value).collect();
        assert_eq!(v, vec![Some(57.2), Some(22.3)]);
    }

    #[test]
    fn multiples_and_declines() {
        let rows = run("外贸进出口总额同比增长74倍。全年办公经费33.34万,同比下降9.9%。");
        let r = find(&rows, "外贸进出口总额");
        assert_eq!((r.growth_multiple, r.growth_pct, r.quantity.value), (Some(74.0), None, None));
        let r = find(&rows, "办公经费");
        assert_eq!((r.quantity.value, r.quantity.unit.as_str(), r.growth_pct), (Some(33.34), "万", Some(-9.9)));
    }

    #[test]
    fn share_change_in_points() {
        let rows = run("倍增试点企业占全镇规上工业比重27.9%,比重同比提高2.7个百分点。");
        assert_eq!(rows.len(), 1, "{rows:#?}");
        assert_eq!((rows[0].quantity.value, rows[0].change_pp), (Some(27.9), Some(2.7)));
    }

    #[test]
    fn thresholds_slogans_years_and_ordinals_are_not_indicators() {
        let rows = run("以“3113”工作体系为抓手,构建“141”体系。湖镇镇第十五届人民代表大会。2024年是关键之年。其中,30万以上32个村,全年签约制造业亿元以上投资项目4个,产值超10亿元的企业仅4家。");
        let v: Vec<_> = rows.iter().map(|r| (r.quantity.value, r.quantity.unit.as_str())).collect();
        assert_eq!(v, vec![(Some(32.0), "个"), (Some(4.0), "个"), (Some(4.0), "家")]);
    }

    #[test]
    fn counts_before_their_noun_are_named_by_it() {
        let rows = run("实施江滩治理等8个项目,共吸引46支队伍、800余人参赛。");
        let v: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(v, vec!["项目", "队伍", "参赛"]);
    }

    #[test]
    fn plan_part_is_not_read_without_sections() {
        let rows = run("一、2024年工作回顾\n全年新增就业岗位205个。\n二、2025年工作安排\n新增就业岗位300个。");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].quantity.value, Some(205.0));
        assert_eq!(rows[0].indicator_code.as_deref(), Some("new_jobs"));
    }

    #[test]
    fn estimated_holds_across_semicolons() {
        let rows = run("预计全镇地区生产总值15.2亿元;新增固定资产投资6917万元。全年种植粮食20.5万亩。");
        let v: Vec<_> = rows.iter().map(|r| r.estimated).collect();
        assert_eq!(v, vec![true, true, false]);
    }

    #[test]
    fn catalog_code_needs_a_fitting_unit() {
        let rows = run("8个村集体经济收入均超50万,村集体经济收入1200万元。");
        let codes: Vec<_> = rows.iter().map(|r| (r.quantity.unit.as_str(), r.indicator_code.as_deref())).collect();
        assert!(codes.contains(&("个", None)), "{codes:?}");
        assert!(codes.contains(&("万元", Some("village_collective_income"))), "{codes:?}");
    }

    #[test]
    fn future_figures_are_left() {
        assert!(run("扩建后污水处理能力可达15万吨/日,病床位数将增加至580张。").is_empty());
        // 力争 opening a sentence governs its items after semicolons; a sentence after it does not.
        let got = run("力争实现财政收入5亿元,增长8%以上;税收收入4亿元;固定资产投资20亿元。全年完成投资18亿元。");
        let values: Vec<_> = got.iter().map(|i| i.quantity.value).collect();
        assert_eq!(values, [Some(18.0)]);
    }

    #[test]
    fn a_capacity_in_a_base_s_name_is_no_figure() {
        let got = run("新建青山牧业30万头生猪养殖基地,建成西岭农业800亩种植基地,全年出栏生猪3万头。");
        let values: Vec<_> = got.iter().map(|i| i.quantity.value).collect();
        assert_eq!(values, [Some(3.0)]);
    }

    #[test]
    fn never_panics_on_cut_or_odd_text() {
        let text = "一、2024年工作回顾\n一是规上工业产值继2023年突破60亿大关,达到74.23亿元,同比增长23.75%;限上零、住、餐分别增长65.6%、9.8%、36.1%,化解率、满意度均100%,分别带动村集体经济和从业农户年增收100万元、28万元以上,下降37.5%25%,(1)“15分钟”逾万人次两百万余元5-8分钟";
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &a in cuts.iter().step_by(3) {
            let _ = run(&text[a..]);
            let _ = run(&text[..a]);
        }
        for odd in ["", "分别", "均100%", "、、、分别增长1%", "1-", "%%%", "\n\n", "一是", "达到1亿元"]
        {
            let _ = run(odd);
        }
    }
}
