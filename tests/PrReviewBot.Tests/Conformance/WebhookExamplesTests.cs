using System.Net;
using PrReviewBot.Setup;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Conformance;

/// <summary>
/// GitHub's own example payloads (<c>@octokit/webhooks-examples</c>) of every event the App subscribes to, plus the
/// installation events GitHub sends every App: each is answered 2xx (never 5xx) where the App is installed, and the
/// bot stays healthy.
/// </summary>
public sealed class WebhookExamplesTests : EndToEndTest
{
    public static TheoryData<string> HandledEvents()
    {
        var events = new TheoryData<string>();
        foreach (var name in AppManifest.Events.Concat(["ping", "installation", "installation_repositories"]))
        {
            events.Add(name);
        }
        return events;
    }

    [Theory]
    [MemberData(nameof(HandledEvents))]
    public async Task EveryExamplePayload_IsAnswered2xx(string eventName)
    {
        var examples = GitHubDescriptions.WebhookExamples(eventName);
        Assert.NotEmpty(examples);
        var bot = await StartBotAsync();
        // Some examples carry no installation (a repository webhook's payload): the App is installed on their
        // repositories, as it would be in production, so intake finds the installation by asking GitHub.
        foreach (var repository in examples.Select(e => (string?)e["repository"]?["full_name"]).OfType<string>().Distinct())
        {
            GitHub.Install(repository, 1);
        }

        var answers = new List<string>();
        for (var i = 0; i < examples.Count; i++)
        {
            var body = examples[i].ToJsonString();
            var answer = await bot.SendAsync(eventName, body);
            if (!answer.IsSuccessStatusCode)
            {
                var action = (string?)examples[i]["action"];
                answers.Add($"example {i} ({eventName}.{action}): {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(answers.Count == 0, "GitHub's example payloads not answered 2xx:\n" + string.Join("\n", answers));
        var health = await bot.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
