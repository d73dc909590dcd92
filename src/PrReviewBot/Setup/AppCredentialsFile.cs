using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace PrReviewBot.Setup;

/// <summary>What GitHub returned for the App registered from the manifest, minus what the bot has no use for.</summary>
public sealed record RegisteredApp(long Id, string Slug, string Name, string HtmlUrl, string? Owner, string Pem, string WebhookSecret);

/// <summary>
/// The file one-click setup writes: a JSON configuration file (<c>GitHub:AppId</c>, <c>GitHub:PrivateKey</c>,
/// <c>GitHub:WebhookSecret</c>, and the App's name for the status page), created readable and writable by the bot's
/// user only. It is read as configuration below environment variables and the command line, so settings given
/// explicitly always win.
/// </summary>
public static class AppCredentialsFile
{
    /// <summary>Section of the file (not an operator setting) describing the App for the status page.</summary>
    public const string AppSection = "RegisteredApp";

    public static string PathOf(IConfiguration configuration)
    {
        var configured = configuration[$"{SetupOptions.Section}:{nameof(SetupOptions.CredentialsPath)}"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? SetupOptions.DefaultCredentialsPath : configured.Trim());
    }

    /// <summary>Adds the file (optional: absent until setup) just above the appsettings files.</summary>
    public static void AddTo(IConfigurationBuilder builder, string path)
    {
        // The folder may not exist before setup: watch from the nearest one that does. No exclusion filters, so a
        // path through a dot-folder (/var/lib/.prreviewbot) is read like any other.
        var root = Path.GetDirectoryName(path)!;
        while (!Directory.Exists(root) && Path.GetDirectoryName(root) is { } parent)
        {
            root = parent;
        }
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(root, ExclusionFilters.None),
            Path = Path.GetRelativePath(root, path),
            Optional = true,
            ReloadOnChange = false,
        };
        var sources = builder.Sources;
        var index = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource)
            {
                index = i + 1;
            }
        }
        sources.Insert(index, source);
    }

    public static async Task WriteAsync(string path, RegisteredApp app, string? publicUrl, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var content = new Dictionary<string, object?>
        {
            ["GitHub"] = new Dictionary<string, string>
            {
                ["AppId"] = app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PrivateKey"] = app.Pem,
                ["WebhookSecret"] = app.WebhookSecret,
            },
            [AppSection] = new Dictionary<string, string?>
            {
                ["Name"] = app.Name,
                ["Slug"] = app.Slug,
                ["HtmlUrl"] = app.HtmlUrl,
                ["Owner"] = app.Owner,
            },
        };
        if (publicUrl is not null)
        {
            content["Server"] = new Dictionary<string, string> { ["PublicUrl"] = publicUrl };
        }
        // Written beside the target and moved over it: a crash never leaves half a key, and the mode is set before any byte is.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(stream, content, new JsonSerializerOptions { WriteIndented = true }, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
