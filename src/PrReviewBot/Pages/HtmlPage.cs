using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace PrReviewBot.Pages;

/// <summary>
/// The bot's HTML pages share one layout: server-rendered, readable on a phone, no scripts and no external assets
/// (the stylesheet is inline and allowed by its hash), and a Content-Security-Policy that forbids everything else.
/// Every piece of text that came from outside goes through <see cref="Text"/>.
/// </summary>
public static class HtmlPage
{
    private const string Css = """
        :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--pass:#1a7f37;--fail:#d1242f;--warn:#9a6700;--box:#f6f8fa}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--pass:#3fb950;--fail:#f85149;--warn:#d29922;--box:#151b23}}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
        p,li{overflow-wrap:anywhere}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em;background:var(--box);padding:0 .2em;border-radius:4px}
        .muted{color:var(--muted)}.pass{color:var(--pass)}.fail{color:var(--fail)}.warn{color:var(--warn)}
        .badge{display:inline-block;padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-size:.85rem;font-weight:600}
        .banner{border:1px solid var(--line);border-left:4px solid var(--warn);background:var(--box);padding:.5rem .75rem;border-radius:6px;margin:1rem 0}
        .card{border:1px solid var(--line);border-radius:6px;padding:.75rem;margin:.5rem 0;background:var(--box)}
        .card h3{margin:0 0 .25rem;font-size:1rem}
        .table{width:100%;overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{font-weight:600}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        form{margin:1rem 0}label{display:block;font-weight:600;margin:.5rem 0 .25rem}
        input[type=text]{width:100%;max-width:24rem;padding:.4rem;font:inherit;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
        button,.button{display:inline-block;margin-top:.75rem;padding:.5rem 1rem;font:inherit;font-weight:600;border-radius:6px;border:1px solid var(--line);background:var(--pass);color:#fff;text-decoration:none;cursor:pointer}
        button.secondary{background:var(--box);color:var(--fg)}
        @media (max-width:40rem){main{padding:.75rem}h1{font-size:1.25rem}dl{grid-template-columns:1fr}th,td{padding:.3rem}}
        """;

    private static readonly string CssHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)));

    /// <summary>HTML-escapes text from outside (PR bodies, repository names, GitHub's answers).</summary>
    public static string Text(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static string Time(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>";

    public static string Age(TimeSpan age) => age.TotalSeconds < 60
        ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min" : age.TotalHours < 48 ? $"{age.TotalHours:0.#} h" : $"{age.TotalDays:0.#} days";

    /// <summary>The Content-Security-Policy of every page; <paramref name="formTargets"/> are the origins forms may post to.</summary>
    public static string Policy(params string[] formTargets) =>
        $"default-src 'none'; style-src '{CssHash}'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'; "
        + $"form-action {string.Join(' ', new[] { "'self'" }.Concat(formTargets))}";

    public static async Task WriteAsync(HttpContext context, int status, string title, string body, params string[] formTargets)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = Policy(formTargets);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        // Report links carry their signature: never hand them to another site as a referrer.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{Text(title)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
        await response.WriteAsync(html, context.RequestAborted);
    }
}
