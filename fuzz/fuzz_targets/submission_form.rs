//! A submission as a client on the network sends it: a multipart form
//! (boundary `ARENA`), read the way the server reads it, in small chunks,
//! then the checks of its name, handle and avatar.
#![no_main]

use arena_registry::form::Form;
use futures_util::stream;

/// The module cap the server would take from its rules (small here, so
/// that the fuzzer reaches it).
const MAX_WASM: u64 = 4096;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let chunks: Vec<Result<bytes::Bytes, std::convert::Infallible>> =
        data.chunks(61).map(|c| Ok(bytes::Bytes::copy_from_slice(c))).collect();
    let constraints =
        multer::Constraints::new().size_limit(multer::SizeLimit::new().whole_stream(Form::max_bytes(MAX_WASM)));
    let mut multipart = multer::Multipart::with_constraints(stream::iter(chunks), "ARENA", constraints);
    let mut form = Form::new(MAX_WASM);
    let read = futures_executor::block_on(async {
        while let Some(mut field) = multipart.next_field().await? {
            form.start_field(field.name().unwrap_or_default());
            while let Some(chunk) = field.chunk().await? {
                form.push(&chunk);
            }
            form.end_field();
        }
        Ok::<(), multer::Error>(())
    });
    if read.is_err() {
        return;
    }
    if let Ok(upload) = form.finish() {
        assert!(upload.wasm.len() as u64 <= MAX_WASM);
        let _ = arena_registry::check_name("name", &upload.name);
        let _ = arena_registry::check_name("author", &upload.author);
        if let Some(png) = &upload.avatar {
            let _ = arena_registry::check_avatar(png);
        }
    }
});
