using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;

namespace PrReviewBot.Storage;

/// <summary>The store on PostgreSQL (<c>Storage:Provider=postgres</c>), shared by any number of replicas.</summary>
public sealed class PostgresWorkStore(IOptions<StorageOptions> options, TimeProvider time, ILogger<PostgresWorkStore> log)
    : SqlWorkStore(new PostgresDialect(options.Value.ConnectionString, options.Value.PostgresConnectionDefaults), time, log)
{
    /// <summary>The connection string the store would use (start-up checks the configuration with it).</summary>
    internal static string BuildConnectionString(string? configured) => PostgresDialect.BuildConnectionString(configured);
}
