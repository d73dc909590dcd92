using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PrReviewBot.Storage;

/// <summary>Creates or migrates the schema before the server accepts a webhook or the worker leases a job.</summary>
public sealed class StorageStartup(IWorkStore store, ILogger<StorageStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        log.LogDebug("Storage ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
