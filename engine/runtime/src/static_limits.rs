//! What a bot's code may look like before Arena compiles it.
//!
//! Cranelift's time and memory grow with the size of a function, its
//! locals and the number of functions, so a crafted module could tie up a
//! validation worker or a tournament's start for minutes. These limits are
//! read off the binary, before any compiling, and are far above what real
//! toolchains produce (CPython in a componentize-py bot, StarlingMonkey in a
//! jco bot): a bot over one is refused at submission with the number.
//!
//! Instantiation work is bounded too: data segments and element segments
//! are part of the module (whose size is capped by
//! `limits.max_module_bytes`), and what they fill must fit the memory and
//! table caps.

use wasmparser::{Parser, Payload};

/// The most functions (defined, not imported) in all of a bot's modules.
pub const MAX_FUNCTIONS: u64 = 200_000;
/// The largest function body, in bytes.
pub const MAX_FUNCTION_BYTES: u64 = 2 << 20;
/// The most locals one function may declare.
pub const MAX_LOCALS: u64 = 50_000;
/// The most core modules one component may carry.
pub const MAX_MODULES: u64 = 256;

/// What the static checks found, for the message and the tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeShape {
    /// Core modules.
    pub modules: u64,
    /// Functions defined.
    pub functions: u64,
    /// The largest function body, in bytes.
    pub largest_function_bytes: u64,
    /// The most locals of any one function.
    pub most_locals: u64,
    /// Bytes of data segments.
    pub data_bytes: u64,
}

/// Reads `wasm`'s shape and checks it against the limits. `max_data` is the
/// memory cap: data segments that could not fit in it are refused too.
pub fn check(wasm: &[u8], max_data: u64) -> Result<CodeShape, String> {
    let shape = measure(wasm)?;
    let over = |what: &str, found: u64, cap: u64| {
        Err(format!(
            "{what} is {found}, over Arena's cap of {cap}; a bot this big would take too long to compile \
             (split huge generated functions, or build with optimisation)"
        ))
    };
    if shape.modules > MAX_MODULES {
        return over("the number of core modules", shape.modules, MAX_MODULES);
    }
    if shape.functions > MAX_FUNCTIONS {
        return over("the number of functions", shape.functions, MAX_FUNCTIONS);
    }
    if shape.largest_function_bytes > MAX_FUNCTION_BYTES {
        return over("the largest function, in bytes,", shape.largest_function_bytes, MAX_FUNCTION_BYTES);
    }
    if shape.most_locals > MAX_LOCALS {
        return over("the most locals in one function", shape.most_locals, MAX_LOCALS);
    }
    if shape.data_bytes > max_data {
        return Err(format!(
            "the bot's data segments hold {} bytes, more than the memory cap of {max_data} bytes \
             (rules: limits.max_memory_bytes)",
            shape.data_bytes
        ));
    }
    Ok(shape)
}

fn measure(wasm: &[u8]) -> Result<CodeShape, String> {
    let mut shape = CodeShape::default();
    // Nested modules and components arrive in order as payloads of the one
    // parser, so a single pass sees every function of every module.
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("the bot is not valid WebAssembly: {e}"))?;
        match payload {
            Payload::ModuleSection { .. } => shape.modules += 1,
            Payload::Version { encoding: wasmparser::Encoding::Module, .. } if shape.modules == 0 => {
                shape.modules = 1;
            }
            Payload::CodeSectionEntry(body) => {
                shape.functions += 1;
                let range = body.range();
                shape.largest_function_bytes = shape.largest_function_bytes.max((range.end - range.start) as u64);
                let mut locals: u64 = 0;
                let reader = body.get_locals_reader().map_err(|e| format!("the bot is not valid WebAssembly: {e}"))?;
                for local in reader {
                    let (count, _) = local.map_err(|e| format!("the bot is not valid WebAssembly: {e}"))?;
                    locals = locals.saturating_add(u64::from(count));
                }
                shape.most_locals = shape.most_locals.max(locals);
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data.map_err(|e| format!("the bot is not valid WebAssembly: {e}"))?;
                    shape.data_bytes = shape.data_bytes.saturating_add(data.data.len() as u64);
                }
            }
            _ => {}
        }
    }
    Ok(shape)
}
