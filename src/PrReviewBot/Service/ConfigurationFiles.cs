using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Hosting;

namespace PrReviewBot.Service;

/// <summary>
/// The appsettings files are reloaded when they change, as the framework does, but noticed by polling the files
/// themselves (every 4 s) instead of by a FileSystemWatcher on the content root. That watcher is recursive: with the
/// database under the content root (the default <c>data/</c>, the image's <c>/app/data</c>) every write to SQLite's
/// WAL woke it, and under load it took ~3% of serve's CPU (docs/PERFORMANCE.md, "Service under load").
/// <c>Server:PollConfigurationFiles=false</c> keeps the framework's watcher.
/// </summary>
public static class ConfigurationFiles
{
    /// <summary>Replaces each reloading JSON source read through a watching file provider with one that polls.</summary>
    /// <returns>How many sources now poll.</returns>
    /// <param name="environment">The host's environment: when its content-root provider is the one replaced, it gets a polling one too.</param>
    public static int Poll(IConfigurationBuilder configuration, IHostEnvironment? environment)
    {
        var sources = configuration.Sources;
        var replaced = new List<PhysicalFileProvider>();
        var polled = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not JsonConfigurationSource { ReloadOnChange: true, Path: { } path, FileProvider: PhysicalFileProvider { UseActivePolling: false } watched } json)
            {
                continue;
            }
            var polling = new PhysicalFileProvider(watched.Root, ExclusionFilters.Sensitive)
            {
                UsePollingFileWatcher = true,
                UseActivePolling = true,
            };
            // Replacing the entry (not editing it) makes the configuration build the source's provider again.
            sources[i] = new JsonConfigurationSource
            {
                FileProvider = polling,
                Path = path,
                Optional = json.Optional,
                ReloadOnChange = true,
                ReloadDelay = json.ReloadDelay,
                OnLoadException = json.OnLoadException,
            };
            polled++;
            if (!replaced.Contains(watched))
            {
                replaced.Add(watched);
            }
        }
        // The old provider's watcher keeps running until the provider is disposed (it is the host's content-root
        // provider too, whose watcher nothing else uses: that one is replaced by a polling provider first).
        foreach (var watched in replaced)
        {
            if (environment is not null && ReferenceEquals(environment.ContentRootFileProvider, watched))
            {
                environment.ContentRootFileProvider = new PhysicalFileProvider(watched.Root)
                {
                    UsePollingFileWatcher = true,
                    UseActivePolling = true,
                };
            }
            watched.Dispose();
        }
        return polled;
    }
}
