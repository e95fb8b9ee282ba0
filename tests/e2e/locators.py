"""Where the tests find what a reader uses: the controls by the names a
reader (and a screen reader) knows them by, and the parts of the page by one
selector each. A test names these instead of typing a selector, so a change
of markup is one change here. (The names are the app's Vietnamese labels as
readers hear them: a test that checks them is checking what a reader is
told, so they are typed here once, not taken from the app.)

    self.b.button(L.LARGER).click()
    self.b.find(L.HEADLINE).text
"""

# The toolbar's controls, by their accessible names.
LARGER = "Tăng cỡ chữ"  # A+
SMALLER = "Giảm cỡ chữ"  # A−
RESET_SIZE = "Đặt lại cỡ chữ"
COPY_LINK = "Chép liên kết"  # where the browser has no share sheet
SHARE = "Chia sẻ"  # the same button where it has one
PREFERENCES = "Tùy chọn"
RESET_ALL = "Đặt lại tất cả"  # in the preferences panel

# Elsewhere on a page.
RETRY = "Thử lại"  # on a load error
SEARCH = "Tìm bài viết"  # the header's search field and its button
SHORTCUTS = "Phím tắt"  # the header's "?" button
CLOSE = "Đóng"  # a dialog's close button

# The parts of a page.
PRERENDERED = "body[data-prerendered]"  # a pre-rendered page before its islands start
HEADLINE = "main h1"
ARTICLE_HEADLINE = ".article h1"
LEAD = ".lead"
SIZE_LABEL = "[data-testid=font-size]"
PREFERENCES_PANEL = "#reading-prefs"
HELP_DIALOG = "dialog.help"
LOAD_ERROR = "[data-testid=load-error]"
ARTICLE_LIST = "ol.article-list"
ARTICLE_LINKS = "ol.article-list h2 a"
HEADER_SEARCH_FIELD = "header input[type=search]"
SEARCH_PAGE_FIELD = "#search-page-q"
SEARCH_COUNT = "[data-testid=search-count]"  # "N bài viết" above the results
PARAGRAPH_LINK_BUTTON = ".para-link"


def paragraph(n):
    """The article's paragraph `n` (from 1), as a `#p-N` link names it."""
    return f"#p-{n}"
