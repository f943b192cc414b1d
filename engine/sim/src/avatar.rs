//! An entrant's avatar as bytes: a PNG small enough for any screen's
//! texture and any reader's memory. Checked at submission (the registry) and
//! again by every reader (the viewer) before it decodes a single pixel,
//! because the file on disk may not be the one that was checked.

/// The widest and tallest avatar, in pixels (every GPU takes textures of at
/// least 4096; this is plenty for a portrait).
pub const MAX_AVATAR_SIDE: u32 = 1024;

/// The width and height of a PNG, read from its header, if `bytes` is a
/// PNG small enough: `Err` says what is wrong, in words for the author.
pub fn check_png(bytes: &[u8]) -> Result<(u32, u32), String> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return Err("is not a PNG file".to_owned());
    }
    // The first chunk must be IHDR: length 13, then width and height.
    let header = bytes.get(8..24).ok_or("is a PNG file cut short before its header")?;
    if &header[4..8] != b"IHDR" {
        return Err("is a PNG file without a header (IHDR) where it must be".to_owned());
    }
    let width = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
    let height = u32::from_be_bytes([header[12], header[13], header[14], header[15]]);
    if width == 0 || height == 0 {
        return Err(format!("is {width}×{height} pixels: a PNG must have pixels"));
    }
    if width > MAX_AVATAR_SIDE || height > MAX_AVATAR_SIDE {
        return Err(format!(
            "is {width}×{height} pixels, over the cap of {MAX_AVATAR_SIDE}×{MAX_AVATAR_SIDE}; \
             use a smaller image (256×256 is plenty)"
        ));
    }
    Ok((width, height))
}

#[cfg(test)]
mod tests {
    use super::check_png;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b
    }

    fn check(bytes: &[u8], expected: Result<(u32, u32), &str>) {
        match (check_png(bytes), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want),
            (Err(got), Err(part)) => assert!(got.contains(part), "`{got}` should mention `{part}`"),
            (got, want) => panic!("got {got:?}, expected {want:?}"),
        }
    }

    #[test]
    fn only_small_pngs_pass() {
        check(&png(256, 256), Ok((256, 256)));
        check(&png(1024, 1), Ok((1024, 1)));
        check(&png(20_000, 1), Err("20000×1 pixels, over the cap of 1024×1024"));
        check(&png(1, 1 << 30), Err("over the cap"));
        check(&png(0, 5), Err("must have pixels"));
        check(b"GIF89a", Err("is not a PNG file"));
        check(b"\x89PNG\r\n\x1a\n\0\0", Err("cut short"));
    }
}
