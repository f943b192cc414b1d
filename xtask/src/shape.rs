//! Crafted components: a bot's component with extra core instances that no
//! compiler would make, to test limits that hold for the whole bot (the
//! sum of its memories and tables) rather than for one memory.
//!
//! A folder `bots/hostile/NAME/` with a `shape.toml` is such a bot:
//!
//! ```toml
//! base = "dummy"        # the built bot it starts from
//! instances = 40        # extra core instances appended to it
//! memory_pages = 128    # each with a memory of this many 64 KiB pages
//! table_elements = 0    # and a funcref table of this many elements
//! ```
//!
//! The extra modules have no imports and no exports; instantiating the bot
//! instantiates them, so their memories and tables count against the bot.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// A `shape.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    /// The bot whose component is the starting point.
    pub base: String,
    /// Extra core instances.
    pub instances: u32,
    /// Pages of memory in each (0: none).
    #[serde(default)]
    pub memory_pages: u64,
    /// Elements of table in each (0: none).
    #[serde(default)]
    pub table_elements: u64,
}

impl Shape {
    /// Reads `dir/shape.toml`.
    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join("shape.toml");
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{} is not a valid shape", path.display()))
    }

    /// `base` (a component) with the extra instances appended.
    pub fn apply(&self, base: &[u8]) -> Result<Vec<u8>> {
        use wasm_encoder::{
            ComponentSection, InstanceSection, MemorySection, MemoryType, Module, ModuleSection, RefType, TableSection,
            TableType,
        };
        let modules = top_level_modules(base)?;
        let mut module = Module::new();
        // Sections in the binary format's order: tables, then memories.
        if self.table_elements > 0 {
            let mut tables = TableSection::new();
            tables.table(TableType {
                element_type: RefType::FUNCREF,
                table64: false,
                minimum: self.table_elements,
                maximum: None,
                shared: false,
            });
            module.section(&tables);
        }
        if self.memory_pages > 0 {
            let mut memories = MemorySection::new();
            memories.memory(MemoryType {
                minimum: self.memory_pages,
                maximum: None,
                memory64: false,
                shared: false,
                page_size_log2: None,
            });
            module.section(&memories);
        }
        let mut out = base.to_vec();
        ModuleSection(&module).append_to_component(&mut out);
        let mut instances = InstanceSection::new();
        for _ in 0..self.instances {
            instances.instantiate(modules, Vec::<(&str, wasm_encoder::ModuleArg)>::new());
        }
        instances.append_to_component(&mut out);
        Ok(out)
    }
}

/// How many core modules the component defines at its top level (the index
/// the next one gets).
fn top_level_modules(component: &[u8]) -> Result<u32> {
    use wasmparser::{Parser, Payload};
    let mut depth = 0u32;
    let mut modules = 0;
    for payload in Parser::new(0).parse_all(component) {
        match payload.context("the base bot is not a valid component")? {
            Payload::Version { encoding: wasmparser::Encoding::Module, .. } if depth == 0 => {
                bail!("the base bot is a core module, not a component")
            }
            Payload::ModuleSection { .. } => {
                if depth == 0 {
                    modules += 1;
                }
                depth += 1;
            }
            Payload::ComponentSection { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(modules)
}
