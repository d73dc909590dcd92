using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrReviewBot.Service;

namespace PrReviewBot.Storage;

/// <summary>Registers the store <c>Storage:Provider</c> names (SQLite by default, PostgreSQL for replicas).</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddWorkStore(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton<SqliteWorkStore>();
        services.AddSingleton<PostgresWorkStore>();
        var postgres = string.Equals(storage.Provider?.Trim(), StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);
        services.TryAddSingleton<IWorkStore>(sp => postgres ? sp.GetRequiredService<PostgresWorkStore>() : sp.GetRequiredService<SqliteWorkStore>());
        services.TryAddSingleton<IRedeliveryStore>(sp =>
            postgres ? sp.GetRequiredService<PostgresWorkStore>() : sp.GetRequiredService<SqliteWorkStore>());
        services.TryAddSingleton<ICommandStore>(sp =>
            postgres ? sp.GetRequiredService<PostgresWorkStore>() : sp.GetRequiredService<SqliteWorkStore>());
        services.TryAddSingleton<IGateStore>(sp =>
            postgres ? sp.GetRequiredService<PostgresWorkStore>() : sp.GetRequiredService<SqliteWorkStore>());
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
