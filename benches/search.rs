//! Search benchmark: N synthetic papers (default 100,000) with mixed Chinese and English
//! abstracts of about 150 words are indexed by an engine, then a real `xuehui serve` process
//! (release build) on loopback answers Q one- and two-word queries (default 1,000) through
//! `GET /api/v1/search` from C concurrent clients (default 16).
//!
//! Run: `cargo bench --bench search` (the embedded engine). With `XUEHUI_BENCH_MEILI_URL` (and
//! `XUEHUI_BENCH_MEILI_KEY` if the server has a master key) the same corpus and queries then
//! run on Meilisearch too, right after the embedded engine, so both sets of figures come from
//! one sitting; `XUEHUI_BENCH_ENGINES=meilisearch` runs Meilisearch alone.
//! `XUEHUI_BENCH_PAPERS` changes N, `XUEHUI_BENCH_QUERIES` changes Q, `XUEHUI_BENCH_CLIENTS`
//! changes C; `XUEHUI_BENCH_BIN` names the server binary (default `target/release/xuehui`,
//! built first if missing).
//!
//! Reports, per engine:
//! - the full reindex time: `Embedded::new` or `Meili::new` + `SearchIndex::rebuild` over the
//!   generated papers, in this process (for Meilisearch: until every batch is indexed and the
//!   new index swapped in). That is the path `xuehui reindex` takes, minus reading the papers
//!   from the database; the time that reading takes is estimated separately by reading the
//!   demo venue's papers with `search::documents::paper` (the function `reindex` uses) many
//!   times;
//! - the index size on disk (embedded: every file under `<data dir>/search`; Meilisearch: the
//!   index's document database and the server's used database size, from its `/stats`);
//! - latency percentiles per query kind (Chinese or English, one or two words), throughput,
//!   how many queries found something, the CPU the server and the load generator used, and
//!   the server's peak RSS (VmHWM; for Meilisearch the xuehui process only);
//! - for comparison, the same queries run one at a time on the engine alone in this process
//!   (no HTTP, no concurrency), with 20 results per page and with 1 (almost no highlighting).
//!
//! Papers, abstracts and queries come from a seeded RNG, so every run (and every engine)
//! indexes the same corpus and asks the same questions. Abstracts mix function words (40 %)
//! with content words drawn with Zipf frequencies from real academic vocabulary followed by a
//! long tail of made-up rare words, so some query words are in most papers and the term
//! dictionary is large. Queries are real words drawn uniformly. All papers are accepted and
//! public, so anonymous queries see them all.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::Value;

use xuehui::config::{Config, MeiliConfig, Secret};
use xuehui::search::access::{PUBLIC, Viewer, chair_token, member_token};
use xuehui::search::embedded::Embedded;
use xuehui::search::meili::Meili;
use xuehui::search::{Document, Kind, Meta, SearchIndex, SearchQuery};
use xuehui::web::AppState;

const SECRET: &str = "benchmark-secret-benchmark-secret-benchmark-secret-benchmark-secret";

/// Chinese academic vocabulary (content words); a fixed shuffle turns it into a Zipf ranking
/// (see `Vocabulary`).
const ZH_WORDS: &str = "同行评议 学术评价 科技期刊 学术会议 质量评估 数据 模型 方法 实验 网络 学习 深度学习 神经网络 \
    机器学习 算法 优化 系统 框架 分析 评价 指标 体系 知识图谱 自然语言处理 文本 语义 分类 聚类 \
    推荐 检索 信息 特征 训练 预测 性能 准确率 效率 结构 设计 应用 平台 技术 创新 理论 实证 \
    调查 问卷 样本 统计 回归 因果 影响 机制 因素 作用 关系 发展 趋势 政策 管理 教育 高校 科研 \
    人才 评估 引用 文献 计量 期刊 论文 作者 合作 学科 交叉 领域 前沿 热点 主题 演化 分布 图像 \
    视觉 识别 检测 分割 生成 对抗 强化学习 迁移学习 联邦学习 隐私 安全 区块链 云计算 边缘计算 \
    物联网 传感器 通信 无线 信号 处理 控制 机器人 自动驾驶 路径 规划 调度 资源 分配 能源 电力 \
    材料 化学 生物 医学 临床 诊断 基因 蛋白质 药物 疾病 健康 环境 气候 生态 农业 经济 金融 \
    市场 风险 投资 企业 产业 城市 交通 空间 时间序列 动态 稳定性 鲁棒性 可解释性 公平性 开放科学 \
    开放获取 数据共享 学术诚信 评审 专家 编辑 出版 影响因子 排名 分级 目录 遴选 共识 质量 标准 \
    规范 流程 问题 挑战 对策 建议 模拟 仿真 计算 并行 分布式 存储 数据库 查询 索引 搜索 中文 \
    分词 语料 标注 大语言模型 预训练 注意力机制 图神经网络 表示学习 多模态 跨语言 知识 推理 问答 \
    对话 摘要 翻译 情感 舆情 社交媒体 用户 行为 偏好 满意度 效果 提升 显著 验证 对比 基准 数据集 \
    误差 精度 收敛 复杂度 参数 变量 向量 矩阵 概率 贝叶斯 随机 采样 估计 检验 假设 案例 实践 \
    经验 制度 治理 国际化 合作网络 科学计量 替代计量 学术影响力 盲审 审稿人 投稿 录用 拒稿 会议论文";

/// Chinese function words, about 40 % of the words of an abstract.
const ZH_FUNCTION: &str =
    "的 了 在 和 与 是 对 中 为 及 通过 基于 提出 本文 我们 进行 采用 一种 其 并 将 以 从 等 不同 相关 具有 可以 能够 结果表明 研究";

/// Characters from which rare Chinese words are made (the long tail of the vocabulary).
const ZH_CHARS: &str = "一人大中国学生年时会方成家发理业出作法高定动化经能现行民化开长新电机明水力程内组数自部设因主用分业物工本然前那科意都加公合代等各度性心体全重位界战";

/// English academic vocabulary (content words).
const EN_WORDS: &str = "learning model method data network analysis performance algorithm system results evaluation approach framework training \
    neural deep peer review reviewers conference journal quality assessment citation impact research scientific academic \
    publication bibliometric scientometric indicators ranking metrics optimization classification clustering retrieval \
    recommendation semantic language translation multilingual chinese english corpus annotation segmentation detection \
    recognition image vision graph knowledge reasoning inference bayesian probabilistic stochastic gradient convergence \
    complexity theorem proof bound estimation regression causal statistical survey empirical experiment benchmark dataset \
    accuracy precision robustness fairness privacy security federated distributed parallel scalable efficient latency \
    throughput memory storage database query index search ranking transformer attention pretrained embedding representation \
    generative adversarial reinforcement policy agent planning scheduling control robot autonomous driving sensor wireless \
    communication signal energy power grid materials chemistry protein genome clinical diagnosis medical health disease \
    drug climate environment ecology agriculture economic finance market risk investment industry urban transportation \
    spatial temporal dynamic time series forecasting prediction uncertainty interpretability explainable open science \
    access sharing integrity misconduct editorial editors submission acceptance rejection blind anonymous bias gender \
    collaboration coauthorship interdisciplinary discipline field topic trend evolution emerging frontier innovation \
    technology platform application design implementation architecture cloud edge computing internet blockchain simulation \
    numerical matrix vector tensor sparse sampling hypothesis validation questionnaire interview qualitative quantitative \
    education university students funding governance evaluation tiered catalogue consensus standard guideline workflow \
    challenge solution improvement significant baseline comparison ablation state art novel propose demonstrate outperforms \
    existing large scale real world user behavior preference satisfaction social media sentiment opinion dialogue question \
    answering summarization multimodal crosslingual transfer domain adaptation contrastive selfsupervised unsupervised \
    supervised label noise";

/// English function words, about 40 % of the words of an abstract.
const EN_FUNCTION: &str = "the of and in to a we for is with on that by this are from as an our be which these at it its can has have been their than both also using based into such more over between while however through";

/// Syllables from which rare English-looking words are made (names of methods, datasets,
/// chemicals... the long tail that makes a real term dictionary large).
const EN_SYLLABLES: &[&str] = &[
    "ba", "co", "de", "fi", "gra", "hel", "io", "ka", "lu", "mor", "ne", "pho", "qua", "ri", "syn", "tor", "ul", "ver", "xa", "zo", "tri",
    "den", "pol", "mer", "cal", "sta", "tic", "nor", "vin", "lex",
];

const SURNAMES_ZH: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
];
const GIVEN_ZH: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "华",
    "建", "文", "辉", "鹏", "宇", "晨", "欣",
];
const SURNAMES_LATIN: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Smith", "Müller", "Garcia", "Kim",
];
const GIVEN_LATIN: &[&str] = &[
    "Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Tao", "Ming", "Chao", "Hui", "Peng", "Yu", "Xin", "Anna", "David",
];
const AFFILIATIONS: &[&str] = &[
    "清华大学",
    "北京大学",
    "浙江大学",
    "复旦大学",
    "上海交通大学",
    "南京大学",
    "武汉大学",
    "中国科学院",
    "中山大学",
    "四川大学",
    "Tsinghua University",
    "Peking University",
    "Zhejiang University",
    "Fudan University",
    "National University of Singapore",
    "ETH Zurich",
];

/// Words of one language, ranked: real content words first (shuffled), then a long tail of
/// made-up rare words. `zipf` draws from them with P(rank r) ∝ 1 / (r + 1).
struct Vocabulary {
    ranked: Vec<String>,
    function: Vec<&'static str>,
    /// How many of `ranked` are real words (the rest is the tail).
    real: usize,
}

impl Vocabulary {
    fn new(rng: &mut StdRng, real: &str, function: &'static str, tail: Vec<String>) -> Vocabulary {
        let mut ranked: Vec<String> = Vec::new();
        for w in real.split_whitespace() {
            if !ranked.iter().any(|r| r == w) {
                ranked.push(w.to_string());
            }
        }
        // A fixed shuffle, so that frequency does not follow the order of the list above.
        for i in (1..ranked.len()).rev() {
            let j = rng.random_range(0..=i);
            ranked.swap(i, j);
        }
        let real = ranked.len();
        for w in tail {
            if !ranked.contains(&w) {
                ranked.push(w);
            }
        }
        Vocabulary {
            ranked,
            function: function.split_whitespace().collect(),
            real,
        }
    }

    fn zipf(&self, rng: &mut StdRng) -> &str {
        let n = self.ranked.len() as f64;
        let r = ((n + 1.0).powf(rng.random::<f64>()) - 1.0) as usize;
        &self.ranked[r.min(self.ranked.len() - 1)]
    }

    /// A word of running text: a function word 40 % of the time, else a content word.
    fn running(&self, rng: &mut StdRng) -> &str {
        if rng.random_bool(0.4) {
            self.function.choose(rng).unwrap()
        } else {
            self.zipf(rng)
        }
    }

    /// A real content word, uniformly (for queries).
    fn real_word(&self, rng: &mut StdRng) -> &str {
        &self.ranked[rng.random_range(0..self.real)]
    }
}

fn zh_tail(rng: &mut StdRng, n: usize) -> Vec<String> {
    let chars: Vec<char> = ZH_CHARS.chars().collect();
    (0..n)
        .map(|_| {
            let len = if rng.random_bool(0.8) { 2 } else { 3 };
            (0..len).map(|_| *chars.choose(rng).unwrap()).collect()
        })
        .collect()
}

fn en_tail(rng: &mut StdRng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let len = rng.random_range(2..=4);
            (0..len).map(|_| *EN_SYLLABLES.choose(rng).unwrap()).collect()
        })
        .collect()
}

struct Corpus {
    zh: Vocabulary,
    en: Vocabulary,
}

impl Corpus {
    fn new(rng: &mut StdRng) -> Corpus {
        let zh_tail = zh_tail(rng, 8_000);
        let en_tail = en_tail(rng, 20_000);
        Corpus {
            zh: Vocabulary::new(rng, ZH_WORDS, ZH_FUNCTION, zh_tail),
            en: Vocabulary::new(rng, EN_WORDS, EN_FUNCTION, en_tail),
        }
    }

    /// A Chinese abstract of `words` words: no spaces, a comma every few words, full stops.
    fn zh_abstract(&self, rng: &mut StdRng, words: usize) -> String {
        let mut s = String::new();
        let mut since = 0;
        for i in 0..words {
            s.push_str(self.zh.running(rng));
            since += 1;
            if i + 1 == words {
                s.push('。');
            } else if since >= 5 && rng.random_bool(0.25) {
                s.push(if rng.random_bool(0.3) { '。' } else { '，' });
                since = 0;
            } else if rng.random_bool(0.02) {
                s.push_str(&format!("{:.1}%", rng.random_range(1.0..99.0)));
            }
        }
        s
    }

    /// An English abstract of `words` words, with sentences and commas.
    fn en_abstract(&self, rng: &mut StdRng, words: usize) -> String {
        let mut s = String::new();
        let mut start = true;
        for i in 0..words {
            let w = self.en.running(rng);
            if start {
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(c.as_str());
                }
                start = false;
            } else {
                s.push_str(w);
            }
            if i + 1 == words {
                s.push('.');
            } else if rng.random_bool(0.07) {
                s.push_str(". ");
                start = true;
            } else if rng.random_bool(0.06) {
                s.push_str(", ");
            } else if rng.random_bool(0.02) {
                s.push_str(&format!(" {:.1}% ", rng.random_range(1.0..99.0)));
            } else {
                s.push(' ');
            }
        }
        s
    }

    fn zh_title(&self, rng: &mut StdRng) -> String {
        let n = rng.random_range(4..=8);
        let mut s = String::new();
        for i in 0..n {
            s.push_str(self.zh.zipf(rng));
            if i + 2 == n {
                s.push_str(["的", "与", "中的", "下的"].choose(rng).unwrap());
            }
        }
        s + ["研究", "分析", "方法", "探索", "实证研究"].choose(rng).unwrap()
    }

    fn en_title(&self, rng: &mut StdRng) -> String {
        let n = rng.random_range(5..=10);
        let words: Vec<&str> = (0..n)
            .map(|i| if i % 3 == 2 { self.en.running(rng) } else { self.en.zipf(rng) })
            .collect();
        let mut s = words.join(" ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s
    }

    fn author(&self, rng: &mut StdRng, chinese: bool) -> String {
        let name = if chinese && rng.random_bool(0.7) {
            let given: String = (0..rng.random_range(1..=2)).map(|_| *GIVEN_ZH.choose(rng).unwrap()).collect();
            format!("{}{given}", SURNAMES_ZH.choose(rng).unwrap())
        } else {
            format!("{} {}", GIVEN_LATIN.choose(rng).unwrap(), SURNAMES_LATIN.choose(rng).unwrap())
        };
        format!("{name}, {}", AFFILIATIONS.choose(rng).unwrap())
    }

    /// Paper `id`: half Chinese (abstract, title, keywords; often an English title too), half
    /// English (sometimes with a Chinese title).
    fn paper(&self, rng: &mut StdRng, id: i64, numbers: &mut BTreeMap<i64, i32>) -> Document {
        let chinese = rng.random_bool(0.5);
        let words = rng.random_range(120..=180);
        let venue_id = rng.random_range(1..=20);
        let number = numbers.entry(venue_id).or_insert(0);
        *number += 1;
        let (title_zh, title_en, abstract_text, keywords) = if chinese {
            let kw: Vec<&str> = (0..rng.random_range(3..=5)).map(|_| self.zh.zipf(rng)).collect();
            let en = if rng.random_bool(0.6) { self.en_title(rng) } else { String::new() };
            (self.zh_title(rng), en, self.zh_abstract(rng, words), kw.join("；"))
        } else {
            let kw: Vec<&str> = (0..rng.random_range(3..=5)).map(|_| self.en.zipf(rng)).collect();
            let zh = if rng.random_bool(0.2) { self.zh_title(rng) } else { String::new() };
            (zh, self.en_title(rng), self.en_abstract(rng, words), kw.join("; "))
        };
        // Drawn in the order of earlier versions of this bench, so the corpus stays the same.
        let track_id = Some(venue_id * 10 + rng.random_range(0..3));
        let authors = (0..rng.random_range(1..=6)).map(|_| self.author(rng, chinese)).collect();
        let topics = (0..rng.random_range(1..=3)).map(|_| rng.random_range(1..=40)).collect();
        let year = Some(rng.random_range(2015..=2026));
        Document {
            kind: Kind::Paper,
            id,
            title_zh,
            title_en,
            abstract_text,
            keywords,
            authors,
            authors_open: true,
            topics,
            meta: Meta {
                venue_id: Some(venue_id),
                number: Some(*number),
                track_id,
                year,
                status: "accepted".into(),
                ..Default::default()
            },
            // 2015-01-01 plus about an hour per paper.
            created: 1_420_070_400_000_000 + id * 3_600_000_000 + rng.random_range(0..3_600_000_000),
            access: vec![PUBLIC.into(), chair_token(venue_id), member_token(venue_id)],
            body: String::new(),
            body_access: vec![],
        }
    }

    /// A query of `kind` (`zh1`, `zh2`, `en1`, `en2`): real words, uniformly from the
    /// vocabulary, so common and rare words are asked for alike.
    fn query(&self, rng: &mut StdRng, kind: &str) -> String {
        let v = if kind.starts_with("zh") { &self.zh } else { &self.en };
        let first = v.real_word(rng).to_string();
        if kind.ends_with('1') {
            return first;
        }
        loop {
            let second = v.real_word(rng);
            if second != first {
                return format!("{first} {second}");
            }
        }
    }
}

const KINDS: &[&str] = &["zh1", "zh2", "en1", "en2"];

fn describe(kind: &str) -> &'static str {
    match kind {
        "zh1" => "Chinese, one word",
        "zh2" => "Chinese, two words",
        "en1" => "English, one word",
        "en2" => "English, two words",
        _ => "all",
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn peak_rss_mib(pid: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// CPU seconds (user + system) a process has used so far; Linux reports them in USER_HZ
/// ticks, 100 a second on x86-64.
fn cpu_secs(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, r)| r.split_whitespace().collect())
        .unwrap_or_default();
    let tick = |i: usize| rest.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (tick(11) + tick(12)) / 100.0
}

/// Bytes of every file under `path`.
fn disk_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => disk_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Segments of the live generation (each has its own term dictionary to search).
fn segments(root: &Path) -> usize {
    let generation = std::fs::read_to_string(root.join("current")).unwrap_or_default();
    let meta = std::fs::read_to_string(root.join(generation.trim()).join("meta.json")).unwrap_or_default();
    serde_json::from_str::<Value>(&meta)
        .ok()
        .and_then(|m| m["segments"].as_array().map(Vec::len))
        .unwrap_or(0)
}

/// Time to read one paper from the database as `xuehui reindex` does
/// (`search::documents::paper`), measured on the demo venue's papers in SQLite.
fn db_read_per_paper() -> Option<(usize, Duration)> {
    let dir = tempfile::tempdir().ok()?;
    let mut cfg = Config::defaults(dir.path());
    cfg.secret_key = Secret::new(SECRET);
    cfg.argon2_memory_kib = 1024;
    let state = AppState::new(cfg, false).ok()?;
    xuehui::server::migrate(&state).ok()?;
    xuehui::demo::seed(&state).ok()?;
    let mut conn = state.db.conn().ok()?;
    let ids = xuehui::search::documents::all_ids(&mut conn).ok()?;
    if ids.is_empty() {
        return None;
    }
    let reads = 20_000;
    for &id in &ids {
        xuehui::search::documents::paper(&mut conn, id).ok()?;
    }
    let t = Instant::now();
    for i in 0..reads {
        xuehui::search::documents::paper(&mut conn, ids[i % ids.len()]).ok()?;
    }
    Some((ids.len(), t.elapsed() / reads as u32))
}

struct Sample {
    kind: &'static str,
    q: String,
    latency: Duration,
    total: u64,
}

/// Runs `queries` from `clients` concurrent clients (each its own connection), each client
/// taking the next query as soon as its previous answer arrived.
async fn run_queries(base: &str, queries: Vec<(&'static str, String)>, clients: usize) -> Result<Vec<Sample>, String> {
    let queries = Arc::new(queries);
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (queries, next, base) = (queries.clone(), next.clone(), base.to_string());
        tasks.push(tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((kind, q)) = queries.get(i) else {
                    return Ok::<_, String>(out);
                };
                let url = url::Url::parse_with_params(&format!("{base}/api/v1/search"), [("q", q)]).map_err(|e| e.to_string())?;
                let t0 = Instant::now();
                let r = http.get(url).send().await.map_err(|e| format!("{q:?}: {e}"))?;
                let status = r.status();
                let body = r.bytes().await.map_err(|e| format!("{q:?}: {e}"))?;
                let latency = t0.elapsed();
                if !status.is_success() {
                    return Err(format!("{q:?}: HTTP {status} {}", String::from_utf8_lossy(&body)));
                }
                let v: Value = serde_json::from_slice(&body).map_err(|e| format!("{q:?}: {e}"))?;
                let total = v["total"].as_u64().ok_or_else(|| format!("{q:?}: no total in {v}"))?;
                out.push(Sample {
                    kind,
                    q: q.clone(),
                    latency,
                    total,
                });
            }
        }));
    }
    let mut samples = Vec::new();
    for t in tasks {
        samples.extend(t.await.map_err(|e| e.to_string())??);
    }
    Ok(samples)
}

/// Latency percentiles per query kind.
fn table(samples: &[Sample]) {
    println!(
        "  {:<20} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>12}",
        "kind", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "found", "median total"
    );
    for kind in KINDS.iter().copied().chain(["all"]) {
        let of: Vec<&Sample> = samples.iter().filter(|s| kind == "all" || s.kind == kind).collect();
        if of.is_empty() {
            continue;
        }
        let mut lat: Vec<Duration> = of.iter().map(|s| s.latency).collect();
        lat.sort();
        let mut totals: Vec<u64> = of.iter().map(|s| s.total).collect();
        totals.sort();
        println!(
            "  {:<20} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>8.0}% {:>12}",
            describe(kind),
            of.len(),
            ms(percentile(&lat, 0.5)),
            ms(percentile(&lat, 0.9)),
            ms(percentile(&lat, 0.99)),
            ms(*lat.last().unwrap()),
            100.0 * of.iter().filter(|s| s.total > 0).count() as f64 / of.len() as f64,
            totals[totals.len() / 2]
        );
    }
}

fn main() {
    let papers = env_usize("XUEHUI_BENCH_PAPERS", 100_000);
    let nqueries = env_usize("XUEHUI_BENCH_QUERIES", 1_000);
    let clients = env_usize("XUEHUI_BENCH_CLIENTS", 16).max(1);
    let bin = std::env::var("XUEHUI_BENCH_BIN").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/xuehui").into());
    if !Path::new(&bin).exists() {
        let ok = Command::new("cargo")
            .args(["build", "--release"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo");
        assert!(ok.success(), "release build failed");
    }
    let meili = std::env::var("XUEHUI_BENCH_MEILI_URL").ok().map(|url| MeiliConfig {
        url,
        key: std::env::var("XUEHUI_BENCH_MEILI_KEY").ok().map(Secret::new),
        index_prefix: format!("xh_bench_{}_", std::process::id()),
    });
    let engines = std::env::var("XUEHUI_BENCH_ENGINES").unwrap_or_else(|_| "embedded,meilisearch".into());
    let wanted = |name: &str| engines.split(',').any(|e| e.trim() == name);
    if wanted("embedded") {
        bench(None, papers, nqueries, clients, &bin);
    }
    match meili {
        Some(m) if wanted("meilisearch") => bench(Some(m), papers, nqueries, clients, &bin),
        Some(_) => {}
        None => eprintln!("NOTICE: Meilisearch not measured: XUEHUI_BENCH_MEILI_URL is not set"),
    }
}

/// Indexes the corpus with one engine (Meilisearch when `meili` is given), serves it, and
/// prints the figures.
fn bench(meili: Option<MeiliConfig>, papers: usize, nqueries: usize, clients: usize, bin: &str) {
    let name = if meili.is_some() { "Meilisearch" } else { "embedded" };
    eprintln!("== {name} engine ==");
    let dir = tempfile::tempdir().unwrap();
    let mut rng = StdRng::seed_from_u64(20261123);

    eprintln!("generating {papers} papers...");
    let t = Instant::now();
    let corpus = Corpus::new(&mut rng);
    let mut numbers = BTreeMap::new();
    let docs: Vec<Document> = (1..=papers as i64).map(|id| corpus.paper(&mut rng, id, &mut numbers)).collect();
    let generated = t.elapsed();
    let text_bytes: usize = docs
        .iter()
        .map(|d| d.title_zh.len() + d.title_en.len() + d.abstract_text.len() + d.keywords.len())
        .sum();
    let zh_papers = docs.iter().filter(|d| d.abstract_text.ends_with('。')).count();
    let rss_before = peak_rss_mib("self");

    // The full reindex: open the engine over the data directory and rebuild.
    eprintln!("reindexing...");
    let t = Instant::now();
    let settings_dir = Config::defaults(dir.path()).search_settings_dir;
    let engine: Box<dyn SearchIndex> = match &meili {
        Some(m) => Box::new(Meili::new(m, &settings_dir).unwrap()),
        None => Box::new(Embedded::new(dir.path(), &settings_dir).unwrap()),
    };
    let mut it = docs.into_iter().map(Ok);
    let indexed = engine
        .rebuild(&mut it, &|n| {
            if n % 20_000 == 0 {
                eprintln!("  {n} papers, {:.1} s", t.elapsed().as_secs_f64());
            }
        })
        .unwrap();
    let reindex = t.elapsed();
    drop(it);
    let rss_reindex = peak_rss_mib("self");
    assert_eq!(indexed as usize, papers);
    let size = match &meili {
        Some(m) => meili_size(m),
        None => IndexSize::Embedded {
            bytes: disk_size(&dir.path().join("search")),
            segments: segments(&dir.path().join("search").join(xuehui::search::INDEX)),
        },
    };

    let db_read = if meili.is_none() {
        eprintln!("timing database reads (demo venue)...");
        db_read_per_paper()
    } else {
        None
    };

    let mut queries: Vec<(&'static str, String)> = (0..nqueries)
        .map(|i| {
            let kind = KINDS[i % KINDS.len()];
            (kind, corpus.query(&mut rng, kind))
        })
        .collect();
    // Mixed order, so that the clients ask different kinds at the same time.
    for i in (1..queries.len()).rev() {
        let j = rng.random_range(0..=i);
        queries.swap(i, j);
    }
    let warmup: Vec<(&'static str, String)> = (0..200)
        .map(|i| {
            let kind = KINDS[i % KINDS.len()];
            (kind, corpus.query(&mut rng, kind))
        })
        .collect();

    // The server over the same data directory (so it serves this index) and a fresh database.
    let db_url = format!("sqlite://{}", dir.path().join("xuehui.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(bin);
    server
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_DATABASE_URL", &db_url)
        .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
        .env("XUEHUI_SECRET_KEY", SECRET)
        .env("XUEHUI_LOG", "warn")
        .env_remove("XUEHUI_MEILI_URL")
        .env_remove("XUEHUI_MEILI_KEY")
        .stdout(Stdio::null());
    if let Some(m) = &meili {
        server
            .env("XUEHUI_MEILI_URL", &m.url)
            .env("XUEHUI_MEILI_INDEX_PREFIX", &m.index_prefix);
        if let Some(k) = &m.key {
            server.env("XUEHUI_MEILI_KEY", k.expose());
        }
    }
    let mut server = server.spawn().expect("server starts");
    let pid = server.id().to_string();

    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let outcome = rt.block_on(async {
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while http.get(format!("{base}/healthz")).send().await.is_err() {
            if Instant::now() > deadline {
                return Err("server did not start".to_string());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        eprintln!("warming up (200 queries, not counted)...");
        let t = Instant::now();
        let first = run_queries(&base, warmup[..1].to_vec(), 1).await?;
        let first = (first[0].latency, t.elapsed());
        run_queries(&base, warmup[1..].to_vec(), clients).await?;
        eprintln!("{nqueries} queries from {clients} clients...");
        let cpu0 = (cpu_secs(&pid), cpu_secs("self"));
        let t = Instant::now();
        let samples = run_queries(&base, queries.clone(), clients).await?;
        let wall = t.elapsed();
        let cores = (
            (cpu_secs(&pid) - cpu0.0) / wall.as_secs_f64(),
            (cpu_secs("self") - cpu0.1) / wall.as_secs_f64(),
        );
        Ok((first, samples, wall, cores))
    });
    let server_rss = peak_rss_mib(&pid);
    let _ = server.kill();
    let _ = server.wait();
    let (first, samples, wall, cores) = outcome.expect("queries answered");

    // The same queries on the engine alone, one at a time in this process (no HTTP, no
    // concurrency): the work one query costs. With 1 result per page, almost no highlighting.
    eprintln!("the same queries on the engine alone...");
    let alone = |per_page: usize| -> Vec<Sample> {
        queries
            .iter()
            .map(|(kind, q)| {
                let sq = SearchQuery {
                    q: q.clone(),
                    page: 1,
                    per_page,
                    ..Default::default()
                };
                let t = Instant::now();
                let r = engine.search(&Viewer::anonymous(), &sq).unwrap();
                Sample {
                    kind,
                    q: q.clone(),
                    latency: t.elapsed(),
                    total: r.total as u64,
                }
            })
            .collect()
    };
    let alone_20 = alone(20);
    let alone_1 = alone(1);
    drop(engine);
    if let Some(m) = &meili {
        drop_meili_index(m);
    }

    println!("search on the {name} engine: {papers} papers ({zh_papers} with a Chinese abstract), {clients} clients");
    println!(
        "  corpus: {:.1} MiB of titles, abstracts and keywords, generated in {:.1} s",
        text_bytes as f64 / 1048576.0,
        generated.as_secs_f64()
    );
    println!(
        "  full reindex (engine::new + rebuild): {:.1} s, {:.0} papers/s",
        reindex.as_secs_f64(),
        papers as f64 / reindex.as_secs_f64()
    );
    match size {
        IndexSize::Embedded { bytes, segments } => {
            println!(
                "  index size on disk: {:.1} MiB ({:.0} bytes per paper)",
                bytes as f64 / 1048576.0,
                bytes as f64 / papers as f64
            );
            println!("  segments in the live index: {segments}");
        }
        IndexSize::Meili { documents, database } => println!(
            "  index size: documents {:.1} MiB ({:.0} bytes per paper); server database in use {:.1} MiB (all its indexes)",
            documents as f64 / 1048576.0,
            documents as f64 / papers as f64,
            database as f64 / 1048576.0
        ),
        IndexSize::Unknown => println!("  index size: not reported"),
    }
    println!("  bench process peak RSS: {rss_before:.0} MiB before the reindex (generated papers), {rss_reindex:.0} MiB after");
    match db_read {
        Some((n, per)) => println!(
            "  database read (documents::paper, SQLite, demo's {n} papers): {:.0} µs per paper, so ≈ {:.1} s for {papers}",
            per.as_secs_f64() * 1e6,
            per.as_secs_f64() * papers as f64
        ),
        None => println!("  database read: not measured (demo setup failed)"),
    }
    println!(
        "  first query after start: {:.1} ms (with the HTTP connection: {:.1} ms)",
        ms(first.0),
        ms(first.1)
    );
    println!(
        "  {} queries in {:.2} s: {:.0} queries/s",
        samples.len(),
        wall.as_secs_f64(),
        samples.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "  CPU meanwhile, in cores: server {:.2}, load generator (this process) {:.2}",
        cores.0, cores.1
    );
    table(&samples);
    let mut slowest: Vec<&Sample> = samples.iter().collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.latency));
    println!("  slowest queries:");
    for s in slowest.iter().take(8) {
        println!("    {:>7.1} ms  {:<4} {:?} ({} found)", ms(s.latency), s.kind, s.q, s.total);
    }
    println!("  server peak RSS (VmHWM): {server_rss:.0} MiB");
    println!("  the same queries on the engine alone (SearchIndex::search in the bench process, one at a time, 20 per page):");
    table(&alone_20);
    println!("  and with 1 result per page (almost no highlighting):");
    table(&alone_1);

    let found = samples.iter().filter(|s| s.total > 0).count();
    assert_eq!(samples.len(), nqueries, "every query answered");
    assert!(
        found * 10 >= samples.len() * 8,
        "only {found} of {} queries found anything",
        samples.len()
    );
}

/// What an engine's index takes.
enum IndexSize {
    /// Files of the embedded engine, and its segments.
    Embedded { bytes: u64, segments: usize },
    /// Meilisearch's document database for the index, and its whole used database.
    Meili { documents: u64, database: u64 },
    /// Meilisearch did not say.
    Unknown,
}

/// A blocking GET or DELETE on the Meilisearch API.
fn meili_call(m: &MeiliConfig, method: reqwest::Method, path: &str) -> Option<Value> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
    rt.block_on(async {
        let mut req = reqwest::Client::new().request(method, format!("{}{path}", m.url.trim_end_matches('/')));
        if let Some(k) = &m.key {
            req = req.bearer_auth(k.expose());
        }
        req.send().await.ok()?.json::<Value>().await.ok()
    })
}

/// The size Meilisearch reports for the bench's index.
fn meili_size(m: &MeiliConfig) -> IndexSize {
    let uid = format!("{}{}", m.index_prefix, xuehui::search::INDEX);
    let Some(stats) = meili_call(m, reqwest::Method::GET, "/stats") else {
        return IndexSize::Unknown;
    };
    match (
        stats["indexes"][&uid]["rawDocumentDbSize"].as_u64(),
        stats["usedDatabaseSize"].as_u64(),
    ) {
        (Some(documents), Some(database)) => IndexSize::Meili { documents, database },
        _ => IndexSize::Unknown,
    }
}

/// Removes the bench's index from the Meilisearch server.
fn drop_meili_index(m: &MeiliConfig) {
    let uid = format!("{}{}", m.index_prefix, xuehui::search::INDEX);
    let _ = meili_call(m, reqwest::Method::DELETE, &format!("/indexes/{uid}"));
}
