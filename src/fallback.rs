//! What a page says where its WebAssembly cannot run: a browser without
//! it (an old one, a locked-down phone) or a WASM file that failed to load.
//! The shell (addresses with no page of their own) is otherwise an empty
//! `<body>` that the app fills, and the pre-rendered search page a form
//! that cannot search; the page's own script (src/page_script.js) shows one
//! of these instead (in place of the search page's form), so no page is
//! ever blank. The other pre-rendered pages need none: their text is there,
//! and the page's script works their size controls.

/// The id of the message the page's script adds (and removes if the app
/// starts after all).
pub const ID: &str = "no-app";

/// On the search page: search runs in the browser's WebAssembly.
pub const SEARCH_TITLE: &str = "Chưa tìm kiếm được trên trình duyệt này";
pub const SEARCH_TEXT: &str =
    "Tìm kiếm cần một trình duyệt mới hơn. Bạn vẫn đọc được mọi bài viết từ danh sách.";
pub const SEARCH_LINK: &str = "Xem các bài viết mới nhất";

/// Anywhere else: the server sends the shell for an address with no page.
pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
pub const NOT_FOUND_TEXT: &str =
    "Trang này không có, hoặc trình duyệt này không hiển thị được nó. Các bài viết vẫn đọc được từ trang chủ.";
pub const HOME_LINK: &str = "Về trang chủ";
