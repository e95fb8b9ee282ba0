"""The suites whose outcome depends on the server (deep links, not-found,
pre-rendered pages, the offline worker, the content policy and framing), run
again with nginx and deploy/nginx.conf behind the fault proxy instead of
`make serve`'s server. The HTTP-level checks of both are in test_server.py."""

from . import test_article, test_lists, test_offline, test_security


class DeepLinkOnNginx(test_article.DeepLinkTest):
    server_kind = "nginx"


class NavigationOnNginx(test_lists.NavigationTest):
    server_kind = "nginx"


class PrerenderOnNginx(test_article.PrerenderTest):
    server_kind = "nginx"


class OfflineOnNginx(test_offline.OfflineTest):
    server_kind = "nginx"


class ContentSecurityPolicyOnNginx(test_security.ContentSecurityPolicyTest):
    server_kind = "nginx"


class FramingOnNginx(test_security.FramingTest):
    server_kind = "nginx"
