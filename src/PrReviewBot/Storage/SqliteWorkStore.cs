using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;

namespace PrReviewBot.Storage;

/// <summary>
/// The store on one SQLite file (<c>Storage:Provider</c> unset or <c>sqlite</c>): one process per file, since start-up
/// recovery assumes no other process holds leases.
/// </summary>
public sealed class SqliteWorkStore(IOptions<StorageOptions> options, TimeProvider time, ILogger<SqliteWorkStore>? log = null)
    : SqlWorkStore(new SqliteDialect(options.Value.ConnectionString, options.Value.IntakeFirst), time, log ?? NullLogger<SqliteWorkStore>.Instance);
