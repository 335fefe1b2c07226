//! A survey file's bytes: mapped from the disk when the file is large, so that reading never
//! holds a copy of it. Pages already read are handed back as reading goes ([`Pages::release`]),
//! so the process's memory stays well under the file's size however large the file is.

use std::fs::File;
use std::io;
use std::ops::{Deref, Range};
use std::path::Path;

/// Files from this size on are mapped; smaller ones are read whole (mapping costs more than it
/// saves on a few pages).
const MAP_FROM: u64 = 1 << 20;

pub(super) enum Pages {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl Pages {
    pub(super) fn open(path: &Path) -> io::Result<Pages> {
        let file = File::open(path)?;
        if file.metadata()?.len() < MAP_FROM {
            return std::fs::read(path).map(Pages::Read);
        }
        // SAFETY: the map is read-only (memmap2 maps it shared) and its bytes are only ever
        // read. What no map can rule out is another program changing the file while it is
        // read: changed bytes would be read as they are (the SHA-256 in the manifest taken
        // before them), and a file cut short would stop the process (SIGBUS). Survey exports
        // are not written to while they are analysed; ripgrep maps files on the same terms.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Ok(Pages::Mapped(map)),
            // A file system that cannot map files is read the ordinary way.
            Err(_) => std::fs::read(path).map(Pages::Read),
        }
    }

    /// Hands the memory of `range` back to the system: the bytes stay readable (read again
    /// from the file's cache if touched) but no longer count against this process.
    pub(super) fn release(&self, range: Range<usize>) {
        #[cfg(unix)]
        if let Pages::Mapped(map) = self {
            let end = range.end.min(map.len());
            if range.start < end {
                // SAFETY: MADV_DONTNEED on a read-only file map only drops the pages from this
                // process; a later read maps the same file bytes again from the page cache.
                // Nothing writes to the map, so nothing can be lost. A failure only means the
                // memory stays mapped.
                let _ = unsafe {
                    map.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        range.start,
                        end - range.start,
                    )
                };
            }
        }
        #[cfg(not(unix))]
        let _ = range;
    }
}

/// The pages under a body of text that starts `base` bytes into its file (after a byte-order
/// mark): what hands back the pages of a range of the body once it is read. Without pages
/// (bytes already in memory) it hands back nothing.
#[derive(Clone, Copy, Default)]
pub(super) struct PagesAt<'a> {
    pages: Option<&'a Pages>,
    base: usize,
}

impl<'a> PagesAt<'a> {
    pub(super) fn new(pages: Option<&'a Pages>, base: usize) -> PagesAt<'a> {
        PagesAt { pages, base }
    }

    /// The same pages under a body that starts `by` bytes further into the file.
    pub(super) fn after(self, by: usize) -> PagesAt<'a> {
        PagesAt {
            base: self.base + by,
            ..self
        }
    }

    /// Hands back the pages of `range` of the body.
    pub(super) fn release(&self, range: Range<usize>) {
        if let Some(pages) = self.pages {
            pages.release(self.base + range.start..self.base + range.end);
        }
    }
}

impl Deref for Pages {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Pages::Mapped(m) => m,
            Pages::Read(v) => v,
        }
    }
}
