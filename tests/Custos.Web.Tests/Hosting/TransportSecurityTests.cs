using Custos.Platform;
using Custos.Web.Hosting;

namespace Custos.Web.Tests.Hosting;

public sealed class TransportSecurityTests
{
    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://0.0.0.0:5443")]
    [InlineData("https://custos.example.org")]
    public void Loopback_http_and_any_https_address_are_allowed(string url)
    {
        Should.NotThrow(() => TransportSecurity.EnsureAllowed([url], behindTlsProxy: false));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://10.1.2.3:5080")]
    [InlineData("http://custos.example.org")]
    public void Plain_http_beyond_loopback_is_refused_with_the_way_out_named(string url)
    {
        var error = Should.Throw<CustosConfigurationException>(() => TransportSecurity.EnsureAllowed([url], behindTlsProxy: false));

        error.Setting.ShouldBe("urls");
        error.Message.ShouldContain(url);
        error.Message.ShouldContain(TransportSecurity.BehindTlsProxyKey);
    }

    [Fact]
    public void Plain_http_on_all_interfaces_is_allowed_behind_a_declared_tls_proxy()
    {
        Should.NotThrow(() => TransportSecurity.EnsureAllowed(["http://0.0.0.0:5080"], behindTlsProxy: true));
    }

    [Fact]
    public void Where_every_address_is_https_cookies_are_always_secure_and_host_prefixed()
    {
        var settings = TransportSecurity.CookieSettingsFor(["https://0.0.0.0:5443"], behindTlsProxy: false);

        settings.SecurePolicy.ShouldBe(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always);
        settings.SessionCookieName.ShouldStartWith("__Host-");
        settings.AntiforgeryCookieName.ShouldStartWith("__Host-");
    }

    [Fact]
    public void Behind_a_tls_proxy_cookies_are_always_secure()
    {
        TransportSecurity.CookieSettingsFor(["http://0.0.0.0:5080"], behindTlsProxy: true).SecurePolicy
            .ShouldBe(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always);
    }

    [Fact]
    public void On_loopback_http_cookies_follow_the_request_scheme_and_drop_the_host_prefix()
    {
        var settings = TransportSecurity.CookieSettingsFor(["http://localhost:5080"], behindTlsProxy: false);

        settings.SecurePolicy.ShouldBe(Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        settings.SessionCookieName.ShouldNotStartWith("__Host-");
    }
}
