//! Response bodies: UTF-8 text on the heap or, for large ones, in their own
//! anonymous memory mapping.
//!
//! A list of 10,000 secrets is a 6.8 MB body. Allocated with malloc, freeing
//! it raises glibc's dynamic mmap threshold, so every later body of that size
//! comes from the allocator's arena and stays in the process when freed (the
//! arena is only trimmed at its top): measured, peak RSS of the warm-path
//! listSecrets-of-10,000 row was 159 MiB, and 131 MiB with glibc made to map
//! every large block. A body in its own mapping goes back to the system when
//! it is dropped (for large bodies, when V8 collects the external string that
//! points into it), and leaves glibc's thresholds alone.

use std::fmt;
use std::ops::Deref;

/// Bodies at least this large get their own mapping (when the length is
/// known up front).
pub const MAPPED_MIN_BYTES: usize = 1 << 20;

/// A response body: valid UTF-8.
pub struct ResponseBody(Storage);

enum Storage {
    Heap(String),
    #[cfg(unix)]
    Mapped(mapped::Mapped),
}

impl ResponseBody {
    /// The text of `bytes`, with invalid UTF-8 replaced by U+FFFD, as
    /// `Response.text()` decodes.
    pub fn from_utf8_lossy(bytes: Vec<u8>) -> ResponseBody {
        match String::from_utf8(bytes) {
            Ok(text) => ResponseBody(Storage::Heap(text)),
            Err(e) => ResponseBody(Storage::Heap(String::from_utf8_lossy(e.as_bytes()).into_owned())),
        }
    }
}

impl From<String> for ResponseBody {
    fn from(text: String) -> Self {
        ResponseBody(Storage::Heap(text))
    }
}

impl From<&str> for ResponseBody {
    fn from(text: &str) -> Self {
        ResponseBody(Storage::Heap(text.to_string()))
    }
}

impl Deref for ResponseBody {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Storage::Heap(text) => text,
            #[cfg(unix)]
            // SAFETY: a mapped body is only made from validated UTF-8 (`ResponseBuffer::into_body`).
            Storage::Mapped(mapped) => unsafe { std::str::from_utf8_unchecked(mapped.bytes()) },
        }
    }
}

impl Clone for ResponseBody {
    fn clone(&self) -> Self {
        ResponseBody(Storage::Heap(self.to_string()))
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<&str> for ResponseBody {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

/// A body being received, whose length is known: in its own mapping when
/// large, else on the heap.
pub enum ResponseBuffer {
    Heap(Vec<u8>),
    #[cfg(unix)]
    Mapped(mapped::Mapped),
}

impl ResponseBuffer {
    pub fn with_capacity(capacity: usize) -> ResponseBuffer {
        #[cfg(unix)]
        if capacity >= MAPPED_MIN_BYTES {
            if let Some(mapped) = mapped::Mapped::with_capacity(capacity) {
                return ResponseBuffer::Mapped(mapped);
            }
        }
        ResponseBuffer::Heap(Vec::with_capacity(capacity))
    }

    pub fn extend_from_slice(&mut self, data: &[u8]) {
        match self {
            ResponseBuffer::Heap(vec) => vec.extend_from_slice(data),
            #[cfg(unix)]
            ResponseBuffer::Mapped(mapped) => {
                if !mapped.push(data) {
                    // Longer than announced: carry on on the heap.
                    let mut vec = Vec::with_capacity(mapped.bytes().len() + data.len());
                    vec.extend_from_slice(mapped.bytes());
                    vec.extend_from_slice(data);
                    *self = ResponseBuffer::Heap(vec);
                }
            }
        }
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            ResponseBuffer::Heap(vec) => vec,
            #[cfg(unix)]
            ResponseBuffer::Mapped(mapped) => mapped.bytes(),
        }
    }

    /// The text (invalid UTF-8 replaced, on the heap then).
    pub fn into_body(self) -> ResponseBody {
        match self {
            ResponseBuffer::Heap(vec) => ResponseBody::from_utf8_lossy(vec),
            #[cfg(unix)]
            ResponseBuffer::Mapped(mapped) => {
                if std::str::from_utf8(mapped.bytes()).is_ok() {
                    ResponseBody(Storage::Mapped(mapped))
                } else {
                    ResponseBody(Storage::Heap(String::from_utf8_lossy(mapped.bytes()).into_owned()))
                }
            }
        }
    }
}

#[cfg(unix)]
mod mapped {
    use std::ptr::NonNull;

    /// Private anonymous memory. (Populating it up front with MAP_POPULATE
    /// measured no faster for a 6.8 MB list, and raised peak RSS.)
    const MAP_FLAGS: libc::c_int = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;

    /// Anonymous private memory: `capacity` bytes, `len` of them written.
    pub struct Mapped {
        ptr: NonNull<u8>,
        len: usize,
        capacity: usize,
    }

    // SAFETY: the mapping is owned by this value alone; shared access is read-only.
    unsafe impl Send for Mapped {}
    unsafe impl Sync for Mapped {}

    impl Mapped {
        pub fn with_capacity(capacity: usize) -> Option<Mapped> {
            // SAFETY: a fresh anonymous mapping; the result is checked.
            let ptr = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    capacity,
                    libc::PROT_READ | libc::PROT_WRITE,
                    MAP_FLAGS,
                    -1,
                    0,
                )
            };
            if ptr == libc::MAP_FAILED {
                return None;
            }
            NonNull::new(ptr.cast::<u8>()).map(|ptr| Mapped { ptr, len: 0, capacity })
        }

        /// Appends `data`; false (and nothing written) when it does not fit.
        pub fn push(&mut self, data: &[u8]) -> bool {
            if data.len() > self.capacity - self.len {
                return false;
            }
            // SAFETY: within the mapping (checked above); `data` cannot overlap it.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr.as_ptr().add(self.len), data.len()) };
            self.len += data.len();
            true
        }

        pub fn bytes(&self) -> &[u8] {
            // SAFETY: the first `len` bytes were written by `push`.
            unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
        }
    }

    impl Drop for Mapped {
        fn drop(&mut self) {
            // SAFETY: the mapping made in `with_capacity`, unmapped once.
            unsafe { libc::munmap(self.ptr.as_ptr().cast(), self.capacity) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_bodies_are_mapped_and_read_back_whole() {
        let text = "{\"secrets\":[]}".repeat(100_000);
        let mut buffer = ResponseBuffer::with_capacity(text.len());
        #[cfg(unix)]
        assert!(matches!(buffer, ResponseBuffer::Mapped(_)));
        for piece in text.as_bytes().chunks(16 * 1024) {
            buffer.extend_from_slice(piece);
        }
        let body = buffer.into_body();
        assert_eq!(&*body, text.as_str());
        assert_eq!(body.clone(), text.as_str());
    }

    #[test]
    fn a_body_longer_than_announced_moves_to_the_heap_intact() {
        let mut buffer = ResponseBuffer::with_capacity(MAPPED_MIN_BYTES);
        let piece = vec![b'a'; MAPPED_MIN_BYTES - 1];
        buffer.extend_from_slice(&piece);
        buffer.extend_from_slice(b"bc");
        assert!(matches!(buffer, ResponseBuffer::Heap(_)));
        assert_eq!(buffer.bytes().len(), MAPPED_MIN_BYTES + 1);
        assert!(buffer.into_body().ends_with("abc"));
    }

    #[test]
    fn invalid_utf8_is_replaced_as_response_text_does() {
        let mut buffer = ResponseBuffer::with_capacity(MAPPED_MIN_BYTES);
        buffer.extend_from_slice(b"ok \xff");
        assert_eq!(buffer.into_body(), "ok \u{FFFD}");
        assert_eq!(ResponseBody::from_utf8_lossy(b"\xfe".to_vec()), "\u{FFFD}");
    }
}
