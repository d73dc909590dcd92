using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrReviewBot.GitHub;

namespace PrReviewBot.Work;

public static class RedeliveryRegistration
{
    /// <summary>The missed-delivery sweep (App mode only; <c>Redelivery:*</c>).</summary>
    public static IServiceCollection AddRedeliverySweep(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RedeliveryOptions>(configuration.GetSection(RedeliveryOptions.Section));
        services.TryAddSingleton<IAppHookDeliveries, OctokitAppHookDeliveries>();
        services.AddSingleton<RedeliverySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RedeliverySweep>());
        return services;
    }
}
