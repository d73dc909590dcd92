using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrReviewBot.Setup;

/// <summary>
/// The GitHub App manifest the setup page submits: exactly the permissions and events the bot uses (README,
/// "Create the GitHub App"), private to the account that registers it, webhooks to <c>/api/github/webhooks</c>.
/// </summary>
public static partial class AppManifest
{
    /// <summary>Repository and organization permissions, as the manifest names them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Permissions = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["checks"] = "write",          // the perf-review check run (and the Re-run events)
        ["pull_requests"] = "read",    // title, description, labels, changed files
        ["issues"] = "write",          // the sticky comment is an issue comment; gate mode labels issues
        ["contents"] = "read",         // .github/perf-review.yml on the base branch
        ["metadata"] = "read",         // required by GitHub
        ["merge_queues"] = "read",     // merge_group events
        ["members"] = "read",          // teams allowed to override
    };

    /// <summary>Taken from the intake's routes, so a new route file subscribes the App to its event.</summary>
    public static IReadOnlyList<string> Events => PrReviewBot.Service.DeliveryRoutes.SubscribedEvents;

    public const int MaxNameLength = 34;

    /// <summary>The manifest JSON for an App named <paramref name="name"/> served at <paramref name="publicUrl"/>.</summary>
    public static string Build(string name, string publicUrl, string webhookPath, string callbackPath)
    {
        var root = publicUrl.TrimEnd('/');
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["url"] = root,
            ["description"] = "Holds performance-optimization PRs to the process: constraint, profile evidence, before/after numbers, rollback and monitoring.",
            ["hook_attributes"] = new Dictionary<string, object> { ["url"] = root + webhookPath, ["active"] = true },
            ["redirect_url"] = root + callbackPath,
            ["public"] = false,
            ["default_permissions"] = Permissions,
            ["default_events"] = Events,
        });
    }

    /// <summary>
    /// Where people use GitHub, from where the bot calls its API: <c>https://api.github.com/</c> → <c>https://github.com</c>;
    /// Enterprise Server <c>https://HOST/api/v3/</c> → <c>https://HOST</c>; anything else (a test server) → its origin.
    /// </summary>
    public static Uri WebHostOf(Uri apiBase)
    {
        if (apiBase.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) || apiBase.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri("https://github.com");
        }
        return new Uri(apiBase.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The page that registers an App from a manifest: the user's, or an organization's.</summary>
    public static Uri NewAppUrl(Uri webHost, string? organization, string state)
    {
        var path = string.IsNullOrEmpty(organization)
            ? "settings/apps/new"
            : $"organizations/{Uri.EscapeDataString(organization)}/settings/apps/new";
        return new Uri(webHost, $"{path}?state={Uri.EscapeDataString(state)}");
    }

    /// <summary>GitHub's rule for account names: letters, digits and single hyphens, at most 39 characters.</summary>
    public static bool IsAccountName(string value) => AccountName().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")]
    private static partial Regex AccountName();
}
