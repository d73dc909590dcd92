using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrReviewBot.Setup;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Setup;

/// <summary>A fresh install, through HTTP: the setup page, GitHub's manifest round trip (fake), and the bot working right after.</summary>
public class SetupFlowTests : EndToEndTest
{
    private static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// What a person does on the setup page: types into its one form (name, organization) and clicks Register. The
    /// answer is the page whose form posts the manifest to GitHub (null when the choices were refused).
    /// </summary>
    private static async Task<(HttpResponseMessage Response, string Html, PageReader.Form? ToGitHub)> RegisterAsync(
        BotUnderTest bot, string? organization = null, string? name = null)
    {
        var setup = PageReader.FormWith(await bot.Http.GetStringAsync("/"), "register");
        Assert.Equal("get", setup.Method);
        var fields = new Dictionary<string, string>(setup.Fields);
        Assert.True(fields.ContainsKey("organization") && fields.ContainsKey("name"), "the Register form must hold the name and organization boxes");
        if (organization is not null)
        {
            fields["organization"] = organization;
        }
        if (name is not null)
        {
            fields["name"] = name;
        }
        var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        var response = await bot.Http.GetAsync($"{setup.Action}?{query}");
        var html = await response.Content.ReadAsStringAsync();
        return (response, html, html.Contains("id=\"continue\"", StringComparison.Ordinal) ? PageReader.FormWith(html, "continue") : null);
    }

    [Fact]
    public async Task NothingConfigured_HomeServesTheSetupPage_WithAManifestOfExactlyWhatTheBotUses()
    {
        var bot = await StartBotAsync(s =>
        {
            s.Auth = BotAuth.Setup;
            s.Config["Server:PublicUrl"] = "https://perf-bot.example.com/";
        });

        var (response, html, toGitHub) = await RegisterAsync(bot);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Set up PrReviewBot", html);
        var form = toGitHub!;
        Assert.Equal("post", form.Method);
        var action = new Uri(form.Action);
        Assert.Equal(new Uri(GitHub.Url).Authority, action.Authority);
        Assert.Equal("/settings/apps/new", action.AbsolutePath);
        Assert.Matches("^\\?state=[A-Za-z0-9_-]{43}$", action.Query);
        var manifest = JsonNode.Parse(form.Fields["manifest"])!;
        Assert.Equal("PrReviewBot", (string?)manifest["name"]);
        Assert.Equal("https://perf-bot.example.com", (string?)manifest["url"]);
        Assert.Equal("https://perf-bot.example.com/api/github/webhooks", (string?)manifest["hook_attributes"]!["url"]);
        Assert.Equal("https://perf-bot.example.com/setup/callback", (string?)manifest["redirect_url"]);
        Assert.False((bool)manifest["public"]!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["checks"] = "write", ["contents"] = "read", ["issues"] = "write", ["members"] = "read",
                ["merge_queues"] = "read", ["metadata"] = "read", ["pull_requests"] = "read",
            },
            manifest["default_permissions"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));
        Assert.Equal(["check_run", "check_suite", "issue_comment", "issues", "merge_group", "pull_request"],
            manifest["default_events"]!.AsArray().Select(e => (string)e!).Order(StringComparer.Ordinal));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains($"form-action 'self' {new Uri(GitHub.Url).GetLeftPart(UriPartial.Authority)}", policy);
    }

    [Fact]
    public async Task OrganizationGiven_TheButtonRegistersTheAppOnThatOrganization()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);

        // Typed into the Register form itself: no separate "use these settings" step that a person could skip.
        var (_, html, form) = await RegisterAsync(bot, organization: "octo-org", name: "Perf Gate");

        Assert.NotNull(form);
        Assert.Equal("/organizations/octo-org/settings/apps/new", new Uri(form.Action).AbsolutePath);
        Assert.Equal("Perf Gate", (string?)JsonNode.Parse(form.Fields["manifest"])!["name"]);
        Assert.Contains("the organization <strong>octo-org</strong>", html);
    }

    [Fact]
    public async Task OrganizationNameGitHubWouldRefuse_IsExplainedAndNotUsed()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);

        var (response, html, toGitHub) = await RegisterAsync(bot, organization: "<script>alert(1)</script>");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("is not an organization name GitHub accepts", html);
        // Nothing goes to GitHub; the person gets the form back to correct it.
        Assert.Null(toGitHub);
        Assert.Equal(SetupEndpoints.RegisterPath, PageReader.FormWith(html, "register").Action);
    }

    [Fact]
    public async Task ManifestRoundTrip_StoresTheAppPrivately_AndTheRunningBotReviewsWithItAtOnce()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);
        var before = await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);

        // The person clicks "Register"; GitHub (fake) creates the App and sends the browser back.
        var form = (await RegisterAsync(bot)).ToGitHub!;
        var atGitHub = await Browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        Assert.Equal(HttpStatusCode.Redirect, atGitHub.StatusCode);
        var callback = atGitHub.Headers.Location!;
        Assert.Equal(bot.Address.Authority, callback.Authority);
        Assert.Equal(SetupEndpoints.CallbackPath, callback.AbsolutePath);
        var done = await Browser.GetAsync(callback);
        var donePage = await done.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var app = GitHub.RegisteredApp!.Value;
        Assert.Equal(app.HtmlUrl + "/installations/new", PageReader.Link(donePage, "install"));
        Assert.Contains("no restart needed", donePage);
        Assert.DoesNotContain(app.WebhookSecret, donePage);
        Assert.DoesNotContain("PRIVATE KEY", donePage);

        // Stored for the bot's user only, and it holds what the bot needs.
        var file = bot.Settings.CredentialsPath;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)stored["GitHub"]!["AppId"]);
        Assert.Equal(app.WebhookSecret, (string?)stored["GitHub"]!["WebhookSecret"]);
        Assert.Equal(app.Pem, (string?)stored["GitHub"]!["PrivateKey"]);
        Assert.Equal(bot.Address.GetLeftPart(UriPartial.Authority), (string?)stored["Server"]!["PublicUrl"]);

        // No restart: a delivery signed with GitHub's new secret is accepted and reviewed with the new key.
        var body = Payloads.PullRequest("opened");
        var after = await bot.SendRawAsync("pull_request", body, Guid.NewGuid().ToString(), Payloads.Signature(body, app.WebhookSecret));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        await bot.WaitForIdleAsync();
        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", check.Conclusion);
        Assert.Single(GitHub.IssuedTokens);
        // The details link now points at this bot and is signed.
        Assert.StartsWith(bot.Address.GetLeftPart(UriPartial.Authority) + "/report/Codertocat/Hello-World/2?sig=", check.DetailsUrl);

        // The old (empty) secret no longer opens the door.
        var forged = await bot.SendRawAsync("pull_request", body, Guid.NewGuid().ToString(), Payloads.Signature(body, "not-the-secret"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // The home page is now the status page: the App by name, never its secrets.
        var status = await bot.Http.GetStringAsync("/");
        Assert.Contains("GitHub App <strong>PrReviewBot</strong>", status);
        Assert.Contains("pull_request.opened", status);
        Assert.Contains("Codertocat/Hello-World", status);
        Assert.DoesNotContain(app.WebhookSecret, status);
        Assert.DoesNotContain("PRIVATE KEY", status);
    }

    [Fact]
    public async Task AfterSetup_ARestartedBotReadsTheStoredApp()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);
        var form = (await RegisterAsync(bot)).ToGitHub!;
        var atGitHub = await Browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        Assert.Equal(HttpStatusCode.OK, (await Browser.GetAsync(atGitHub.Headers.Location)).StatusCode);
        await bot.StopAsync();

        var restarted = await RestartBotAsync(bot.Settings);
        var body = Payloads.PullRequest("opened");
        var response = await restarted.SendRawAsync("pull_request", body, Guid.NewGuid().ToString(), Payloads.Signature(body, GitHub.RegisteredApp!.Value.WebhookSecret));
        await restarted.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task CallbackWithAStateTheBotNeverIssued_IsRefused_AndNothingIsStored()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);
        var form = (await RegisterAsync(bot)).ToGitHub!;
        var atGitHub = await Browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(atGitHub.Headers.Location!.Query)["code"].ToString();

        var response = await bot.Http.GetAsync($"{SetupEndpoints.CallbackPath}?code={code}&state=forged-state");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This setup link is not valid", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(bot.Settings.CredentialsPath));
        Assert.Empty(GitHub.RequestsTo("POST", "/app-manifests/"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.SendAsync("ping", Payloads.Load("ping/payload.json").ToJsonString())).StatusCode);
    }

    [Fact]
    public async Task CodeGitHubNoLongerAccepts_GetsAClearPage_AndTheBotStaysInSetup()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);
        var form = (await RegisterAsync(bot)).ToGitHub!;
        var atGitHub = await Browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(atGitHub.Headers.Location!.Query)["state"].ToString();

        var response = await bot.Http.GetAsync($"{SetupEndpoints.CallbackPath}?code=expired0code&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("GitHub did not accept the registration code", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(bot.Settings.CredentialsPath));
        Assert.Contains("Set up PrReviewBot", await bot.Http.GetStringAsync("/"));
    }

    [Fact]
    public async Task CallbackOnceConfigured_ChangesNothing()
    {
        var bot = await StartBotAsync();

        var response = await bot.Http.GetAsync($"{SetupEndpoints.CallbackPath}?code=abc&state=def");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(GitHub.RequestsTo("POST", "/app-manifests/"));
        Assert.False(File.Exists(bot.Settings.CredentialsPath));
    }

    [Fact]
    public async Task WebhooksBeforeSetup_Answer503_SignedOrNot()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);
        var body = Payloads.PullRequest("opened");

        var unsigned = await bot.SendRawAsync("pull_request", body, Guid.NewGuid().ToString(), null);
        var signed = await bot.SendRawAsync("pull_request", body, Guid.NewGuid().ToString(), Payloads.Signature(body, "whatever"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signed.StatusCode);
        Assert.Empty(await bot.Store.RecentDeliveriesAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task SetupTurnedOff_HomeSaysWhatToConfigure_WithoutAButton()
    {
        var bot = await StartBotAsync(s =>
        {
            s.Auth = BotAuth.Setup;
            s.Config["Setup:Enabled"] = "false";
        });

        var response = await bot.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("GitHub:AppId", html);
        Assert.DoesNotContain("id=\"register\"", html);
    }
}

/// <summary>Where the setup page sends people, for github.com and Enterprise Server.</summary>
public class AppManifestTests
{
    [Theory]
    [InlineData("https://api.github.com/", "https://github.com/")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/")]
    [InlineData("https://ghe.example.com:8443/api/v3/", "https://ghe.example.com:8443/")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    public void WebHost_IsDerivedFromTheApiAddress(string api, string web)
    {
        Assert.Equal(web, AppManifest.WebHostOf(new Uri(api)).AbsoluteUri);
    }

    [Fact]
    public void EnterpriseServer_NewAppPagesAreOnTheServer()
    {
        var web = AppManifest.WebHostOf(new Uri("https://ghe.example.com/api/v3/"));

        Assert.Equal("https://ghe.example.com/settings/apps/new?state=s1", AppManifest.NewAppUrl(web, null, "s1").AbsoluteUri);
        Assert.Equal("https://ghe.example.com/organizations/perf-team/settings/apps/new?state=s1", AppManifest.NewAppUrl(web, "perf-team", "s1").AbsoluteUri);
    }

    [Theory]
    [InlineData("octo-org", true)]
    [InlineData("a", true)]
    [InlineData("-leading", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("has space", false)]
    [InlineData("../etc", false)]
    [InlineData("a234567890123456789012345678901234567890", false)]
    public void AccountNames_FollowGitHubsRule(string name, bool valid)
    {
        Assert.Equal(valid, AppManifest.IsAccountName(name));
    }

    [Fact]
    public void Manifest_AsksForThePermissionsAndEventsTheReadmeLists()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("- **Repository permissions**", StringComparison.Ordinal)..readme.IndexOf("- **Subscribe to events**", StringComparison.Ordinal)];
        var names = new Dictionary<string, string>
        {
            ["checks"] = "Checks", ["pull_requests"] = "Pull requests", ["issues"] = "Issues", ["contents"] = "Contents",
            ["metadata"] = "Metadata", ["merge_queues"] = "Merge queues", ["members"] = "Members",
        };
        Assert.Equal(names.Keys.Order(), AppManifest.Permissions.Keys.Order());
        foreach (var (key, level) in AppManifest.Permissions)
        {
            Assert.Contains($"{names[key]}: **{(level == "write" ? "Read and write" : "Read-only")}**", section);
        }
        // Nothing more than the manifest asks for: seven permission lines.
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Matches(section, @"^  - [^:\n]+: \*\*", System.Text.RegularExpressions.RegexOptions.Multiline).Count);
        var events = readme[readme.IndexOf("- **Subscribe to events**", StringComparison.Ordinal)..].Split('\n')[0];
        Assert.Equal("- **Subscribe to events**: Pull request, Check run, Check suite, Merge group, Issue comment, Issues.", events.Trim());
        Assert.Equal(["check_run", "check_suite", "issue_comment", "issues", "merge_group", "pull_request"], AppManifest.Events.Order(StringComparer.Ordinal));
    }
}
