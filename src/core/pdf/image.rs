//! Pictures of a Word letter as PDF image objects: JPEG as it is (PDF reads JPEG itself, the
//! `DCTDecode` filter), PNG without alpha as its own compressed data (PDF's `FlateDecode` with
//! the PNG predictors reads PNG's scanlines as they are), and PNG with an alpha channel
//! unpacked into its colour and a soft mask, since PDF keeps transparency in a separate image.
//! Interlaced PNGs and other formats are left out: a letter's logo is rarely either, and a
//! wrong picture is worse than none.

use std::io::{Read, Write};

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

/// An image ready for the PDF: its dictionary entries (without `/Length`), its stream data as
/// it is to be written, and its soft mask if it has transparency.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PdfImage {
    pub dictionary: String,
    pub data: Vec<u8>,
    pub mask: Option<(String, Vec<u8>)>,
}

/// Larger pictures than this are refused, so that a damaged size cannot ask for gigabytes.
const MAX_PIXELS: u64 = 12_000_000;

pub(crate) fn jpeg(bytes: &[u8]) -> Option<PdfImage> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    let mut adobe = false;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        let segment = bytes.get(at + 4..at + 2 + length)?;
        if marker == 0xEE && segment.starts_with(b"Adobe") {
            adobe = true;
        }
        // Start of frame: every SOFn but the DHT (C4), JPG (C8) and DAC (CC) markers.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let bits = *segment.first()?;
            let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]);
            let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]);
            let components = *segment.get(5)?;
            let space = match components {
                1 => "/DeviceGray",
                3 => "/DeviceRGB",
                4 => "/DeviceCMYK",
                _ => return None,
            };
            // Adobe's CMYK JPEGs store their values inverted.
            let decode = if components == 4 && adobe {
                " /Decode [1 0 1 0 1 0 1 0]"
            } else {
                ""
            };
            if width == 0 || height == 0 || bits != 8 {
                return None;
            }
            return Some(PdfImage {
                dictionary: format!(
                    "/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode{decode}"
                ),
                data: bytes.to_vec(),
                mask: None,
            });
        }
        at += 2 + length;
    }
    None
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

pub(crate) fn png(bytes: &[u8]) -> Option<PdfImage> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let mut at = 8;
    let mut header = None;
    let mut palette = Vec::new();
    let mut data = Vec::new();
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let kind = &bytes[at + 4..at + 8];
        let chunk = bytes.get(at + 8..(at + 8).checked_add(length)?)?;
        match kind {
            b"IHDR" if chunk.len() >= 13 => {
                let width = u32::from_be_bytes(chunk[0..4].try_into().ok()?);
                let height = u32::from_be_bytes(chunk[4..8].try_into().ok()?);
                header = Some((width, height, chunk[8], chunk[9], chunk[12]));
            }
            b"PLTE" => palette = chunk.to_vec(),
            b"IDAT" => data.extend_from_slice(chunk),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + length;
    }
    let (width, height, depth, colour, interlace) = header?;
    if width == 0
        || height == 0
        || interlace != 0
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return None;
    }
    let colours = match colour {
        0 | 3 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => return None,
    };
    let space = match colour {
        0 | 4 => "/DeviceGray".to_string(),
        2 | 6 => "/DeviceRGB".to_string(),
        _ => {
            if palette.is_empty() || palette.len() % 3 != 0 {
                return None;
            }
            let hex: String = palette.iter().map(|b| format!("{b:02X}")).collect();
            format!("[/Indexed /DeviceRGB {} <{hex}>]", palette.len() / 3 - 1)
        }
    };
    if colour == 0 || colour == 2 || colour == 3 {
        // PDF reads PNG's compressed scanlines as they are.
        return Some(PdfImage {
            dictionary: format!(
                "/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {space} /BitsPerComponent {depth} /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors {colours} /BitsPerComponent {depth} /Columns {width} >>"
            ),
            data,
            mask: None,
        });
    }
    // Grey or colour with alpha, 8 or 16 bits a sample: unfiltered and split in two.
    if depth != 8 && depth != 16 {
        return None;
    }
    let sample = usize::from(depth / 8);
    let pixel = colours * sample;
    let stride = width as usize * pixel;
    let mut raw = Vec::new();
    ZlibDecoder::new(&data[..])
        .take((stride as u64 + 1) * u64::from(height))
        .read_to_end(&mut raw)
        .ok()?;
    if raw.len() < (stride + 1) * height as usize {
        return None;
    }
    let mut previous = vec![0u8; stride];
    let mut line = vec![0u8; stride];
    let mut colour_data = Vec::with_capacity(stride * height as usize);
    let mut alpha = Vec::with_capacity(width as usize * height as usize * sample);
    for row in raw.chunks_exact(stride + 1).take(height as usize) {
        let filter = row[0];
        for i in 0..stride {
            let x = row[1 + i];
            let a = if i >= pixel { line[i - pixel] } else { 0 };
            let b = previous[i];
            let c = if i >= pixel { previous[i - pixel] } else { 0 };
            line[i] = match filter {
                0 => x,
                1 => x.wrapping_add(a),
                2 => x.wrapping_add(b),
                3 => x.wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => x.wrapping_add(paeth(a, b, c)),
                _ => return None,
            };
        }
        for px in line.chunks_exact(pixel) {
            let split = (colours - 1) * sample;
            colour_data.extend_from_slice(&px[..split]);
            alpha.extend_from_slice(&px[split..]);
        }
        std::mem::swap(&mut previous, &mut line);
    }
    let plain = |space: &str| {
        format!(
            "/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {space} /BitsPerComponent {depth} /Filter /FlateDecode"
        )
    };
    Some(PdfImage {
        dictionary: plain(&space),
        data: deflate(&colour_data),
        mask: Some((plain("/DeviceGray"), deflate(&alpha))),
    })
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        // PDF does not check PNG's CRCs, and neither do we.
        out.extend_from_slice(&[0; 4]);
        out
    }

    fn png_of(colour: u8, rows: &[Vec<u8>], width: u32) -> Vec<u8> {
        let mut header = width.to_be_bytes().to_vec();
        header.extend_from_slice(&(rows.len() as u32).to_be_bytes());
        header.extend_from_slice(&[8, colour, 0, 0, 0]);
        let raw: Vec<u8> = rows.concat();
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(chunk(b"IHDR", &header));
        out.extend(chunk(b"IDAT", &deflate(&raw)));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    #[test]
    fn an_rgb_png_keeps_its_data_and_names_the_predictor() {
        let bytes = png_of(2, &[vec![0, 1, 2, 3, 4, 5, 6]], 2);
        let image = png(&bytes).unwrap();
        assert!(image.dictionary.contains("/Predictor 15 /Colors 3"));
        assert!(image.mask.is_none());
    }

    #[test]
    fn alpha_is_unfiltered_into_a_soft_mask() {
        // Two rows of two grey+alpha pixels; the second row uses the "up" filter.
        let bytes = png_of(4, &[vec![0, 10, 255, 20, 128], vec![2, 1, 0, 1, 1]], 2);
        let image = png(&bytes).unwrap();
        let inflate = |data: &[u8]| {
            let mut out = Vec::new();
            ZlibDecoder::new(data).read_to_end(&mut out).unwrap();
            out
        };
        assert_eq!(inflate(&image.data), [10, 20, 11, 21]);
        assert_eq!(inflate(&image.mask.unwrap().1), [255, 128, 255, 129]);
    }

    #[test]
    fn a_jpeg_is_read_for_its_size_and_kept_as_it_is() {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0];
        bytes.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 20, 0, 30, 3, 1, 2, 3]);
        let image = jpeg(&bytes).unwrap();
        assert!(image
            .dictionary
            .contains("/Width 30 /Height 20 /ColorSpace /DeviceRGB"));
        assert_eq!(image.data, bytes);
        assert!(jpeg(b"not a jpeg").is_none());
    }
}
