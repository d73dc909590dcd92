using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrReviewBot.Service;

namespace PrReviewBot.Storage;

/// <summary>Registers the store <c>Storage:Provider</c> names (SQLite by default, PostgreSQL for replicas).</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddWorkStore(this IServiceCollection services, StorageOptions storage)
    {
        // Both are registered so tests can wrap either; only the one named is ever built (building one opens it).
        services.AddSingleton<SqliteWorkStore>();
        services.AddSingleton<PostgresWorkStore>();
        var postgres = string.Equals(storage.Provider?.Trim(), StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);
        services.TryAddSingleton<SqlWorkStore>(sp => postgres ? sp.GetRequiredService<PostgresWorkStore>() : sp.GetRequiredService<SqliteWorkStore>());
        services.TryAddSingleton<IWorkStore>(sp => sp.GetRequiredService<SqlWorkStore>());
        services.TryAddSingleton<IRedeliveryStore>(sp => sp.GetRequiredService<SqlWorkStore>());
        services.TryAddSingleton<ICommandStore>(sp => sp.GetRequiredService<SqlWorkStore>());
        services.TryAddSingleton<IGateStore>(sp => sp.GetRequiredService<SqlWorkStore>());
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
