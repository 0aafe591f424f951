using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Custos.Phi.Detection;

/// <summary>E-mail addresses, URLs, bare domain names and IPv6 addresses, found from their anchors ('@', "://",
/// "www.", ':') with vectorized searches, then expanded by hand.</summary>
internal static class WebDetector
{
    private static readonly SearchValues<char> Anchors = SearchValues.Create("@:wW.");
    private static readonly SearchValues<char> LocalChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'");
    private static readonly SearchValues<char> HostChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");
    private static readonly SearchValues<char> HexColon = SearchValues.Create("0123456789abcdefABCDEF:.");

    public static void Scan(ScanState s)
    {
        var text = s.Text;
        var i = 0;
        var coveredUntil = 0;
        while (i < text.Length)
        {
            var k = text.AsSpan(i).IndexOfAny(Anchors);
            if (k < 0)
            {
                break;
            }

            i += k;
            if (i < coveredUntil)
            {
                i++;
                continue;
            }

            var c = text[i];
            var end = c switch
            {
                '@' => Email(s, i),
                ':' => UrlOrIpv6(s, i),
                'w' or 'W' => Www(s, i),
                _ => Domain(s, i),
            };
            if (end > i)
            {
                coveredUntil = end;
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    private static int Email(ScanState s, int at)
    {
        var text = s.Text;
        var start = at;
        while (start > 0 && LocalChars.Contains(text[start - 1]))
        {
            start--;
        }

        while (start < at && text[start] is '.' or '\'' or '-')
        {
            start++;
        }

        var end = at + 1;
        while (end < text.Length && HostChars.Contains(text[end]))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] is '.' or '-')
        {
            end--;
        }

        var host = text.AsSpan(at + 1, end - at - 1);
        var dot = host.LastIndexOf('.');
        if (start == at || dot <= 0 || host.Length - dot - 1 < 2 || host[(dot + 1)..].ContainsAnyExceptInRange('a', 'z') && host[(dot + 1)..].ContainsAnyExceptInRange('A', 'Z'))
        {
            return -1;
        }

        s.Add(PhiType.Email, start, end, 0.99, "email.pattern");
        return end;
    }

    private static int UrlOrIpv6(ScanState s, int colon)
    {
        var text = s.Text;
        if (colon + 2 < text.Length && text[colon + 1] == '/' && text[colon + 2] == '/')
        {
            var start = colon;
            while (start > 0 && char.IsAsciiLetter(text[start - 1]))
            {
                start--;
            }

            var scheme = text.AsSpan(start, colon - start);
            if (scheme.Length is < 2 or > 6)
            {
                return -1;
            }

            var end = UrlEnd(text, colon + 3);
            if (end <= colon + 3)
            {
                return -1;
            }

            s.Add(PhiType.Url, start, end, 0.95, "url.scheme");
            return end;
        }

        return Ipv6(s, colon);
    }

    private static int UrlEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '<' or '>' or '\'' or '`' or '|'))
        {
            end++;
        }

        while (end > from && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}')
        {
            end--;
        }

        return end;
    }

    private static int Www(ScanState s, int i)
    {
        var text = s.Text;
        if (i + 4 > text.Length || !text.AsSpan(i, 4).Equals("www.", StringComparison.OrdinalIgnoreCase)
            || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '/' or '.' or '@')))
        {
            return -1;
        }

        var end = UrlEnd(text, i + 4);
        if (end <= i + 5)
        {
            return -1;
        }

        s.Add(PhiType.Url, i, end, 0.95, "url.www");
        return end;
    }

    /// <summary>A bare domain name ("example.org", "portal.clinic.health/path"): found from its dot.</summary>
    private static int Domain(ScanState s, int dot)
    {
        var text = s.Text;
        if (dot == 0 || dot + 2 >= text.Length || !char.IsAsciiLetter(text[dot - 1]) || !char.IsAsciiLetter(text[dot + 1]))
        {
            return -1;
        }

        var start = dot;
        while (start > 0 && HostChars.Contains(text[start - 1]))
        {
            start--;
        }

        if (start > 0 && text[start - 1] is '@' or '/' or '\\' or '_')
        {
            return -1;
        }

        var end = dot + 1;
        while (end < text.Length && HostChars.Contains(text[end]))
        {
            end++;
        }

        while (end > dot && text[end - 1] is '.' or '-')
        {
            end--;
        }

        if (end < text.Length && (text[end] is '@' or '_' || char.IsLetterOrDigit(text[end])))
        {
            return -1;
        }

        var host = text.AsSpan(start, end - start);
        var lastDot = host.LastIndexOf('.');
        var tld = host[(lastDot + 1)..];
        var firstLabel = host[..host.IndexOf('.')];
        if (lastDot <= 0 || !Lexicon.TopLevelDomains.Contains(tld) || firstLabel.Length < 2 || tld.ContainsAnyExceptInRange('a', 'z')
            || host.Contains("..", StringComparison.Ordinal))
        {
            return -1;
        }

        if (end < text.Length && text[end] == '/')
        {
            end = UrlEnd(text, end);
        }

        s.Add(PhiType.Url, start, end, 0.85, "url.domain");
        return end;
    }

    private static int Ipv6(ScanState s, int colon)
    {
        var text = s.Text;
        var start = colon;
        while (start > 0 && HexColon.Contains(text[start - 1]))
        {
            start--;
        }

        var end = colon;
        while (end < text.Length && HexColon.Contains(text[end]))
        {
            end++;
        }

        while (end > colon && text[end - 1] is '.' or ':' && !(end >= 2 && text[end - 2] == ':'))
        {
            end--;
        }

        if (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]) || end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
        {
            return -1;
        }

        var candidate = text.AsSpan(start, end - start);
        var colons = candidate.Count(':');
        if (colons < 2 || candidate.Length < 3 || (!candidate.Contains("::", StringComparison.Ordinal) && colons < 7))
        {
            return -1;
        }

        if (!IPAddress.TryParse(candidate, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return -1;
        }

        s.Add(PhiType.IpAddress, start, end, 0.9, "ip.v6");
        return end;
    }
}
