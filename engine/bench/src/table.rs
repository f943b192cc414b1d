//! The one table every figure goes into.

/// A figure, its value and its goal.
#[derive(Debug)]
struct Row {
    figure: String,
    value: String,
    goal: String,
    /// Whether the goal is met; `None` for a figure that has no goal of its own.
    met: Option<bool>,
}

/// The table, in the order figures were measured.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Row>,
}

impl Table {
    /// Adds a figure; it is also echoed to stderr at once, so a long run shows progress.
    pub fn add(
        &mut self,
        figure: impl Into<String>,
        value: impl Into<String>,
        goal: impl Into<String>,
        met: Option<bool>,
    ) {
        let row = Row { figure: figure.into(), value: value.into(), goal: goal.into(), met };
        eprintln!("  {}: {}", row.figure, row.value);
        self.rows.push(row);
    }

    /// Prints the table on stdout.
    pub fn print(&self, cores: usize) {
        let w = |f: fn(&Row) -> usize| self.rows.iter().map(f).max().unwrap_or(0);
        let (fw, vw) = (w(|r| r.figure.chars().count()), w(|r| r.value.chars().count()));
        println!("arena-bench on {cores} cores");
        println!("{:<fw$}  {:>vw$}  goal", "figure", "value");
        for r in &self.rows {
            let mark = match r.met {
                Some(true) => "ok",
                Some(false) => "MISSED",
                None => "",
            };
            println!("{:<fw$}  {:>vw$}  {} {mark}", r.figure, r.value, r.goal);
        }
    }
}

/// Seconds as "12.3 ms" or "4.56 s".
pub fn duration(secs: f64) -> String {
    if secs < 1e-3 {
        format!("{:.1} µs", secs * 1e6)
    } else if secs < 1.0 {
        format!("{:.2} ms", secs * 1e3)
    } else {
        format!("{secs:.2} s")
    }
}
