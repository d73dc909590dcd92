using System.Reflection;
using System.Text.RegularExpressions;
using PrReviewBot.Service;
using PrReviewBot.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PrReviewBot.Tests.Deploy;

/// <summary>
/// The settings in the Dockerfile, docker-compose and Kubernetes files are ones the bot really reads: each
/// <c>Section__Key</c> is checked against the options classes the host binds (found by their <c>Section</c> constant),
/// so a renamed option cannot leave a deployment silently ignoring its setting.
/// </summary>
public partial class DeploymentConfigTests
{
    private static readonly string[] DeploymentFiles =
    [
        "Dockerfile",
        "deploy/docker-compose.yml",
        "deploy/kubernetes/configmap.yaml",
        "deploy/kubernetes/secret.example.yaml",
        "deploy/kubernetes/deployment.yaml",
    ];

    /// <summary>Every options class the executable binds: section name → type.</summary>
    private static Dictionary<string, Type> BoundSections() => typeof(BotHost).Assembly.GetTypes()
        .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)
            && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
        .ToDictionary(t => (string)t.GetField("Section")!.GetRawConstantValue()!, t => t, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="key"/> (Section:Property[:Nested…]) binds to a settable property.</summary>
    private static bool IsBound(string key, Dictionary<string, Type> sections)
    {
        if (string.Equals(key, BotLogging.ConsoleKey, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var parts = key.Split(':');
        if (!sections.TryGetValue(parts[0], out var type))
        {
            return false;
        }
        foreach (var part in parts[1..])
        {
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                return false;
            }
            type = property.PropertyType;
        }
        return true;
    }

    public static TheoryData<string> Files => new(DeploymentFiles);

    [Theory]
    [MemberData(nameof(Files))]
    public void EverySettingKey_IsOneTheBotBinds(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));
        var keys = SettingKey().Matches(text).Select(m => m.Value.Replace("__", ":", StringComparison.Ordinal)).Distinct().ToList();
        var sections = BoundSections();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(IsBound(key, sections), $"{file} sets {key}, which the bot does not read"));
    }

    [Fact]
    public void TheCheckItself_CatchesAMisspelledKey()
    {
        var sections = BoundSections();

        Assert.True(IsBound("GitHub:Retry:BaseDelay", sections));
        Assert.True(IsBound("Report:StaleAfter", sections));
        Assert.False(IsBound("GitHub:AppID2", sections));
        Assert.False(IsBound("Storage:Conection", sections));
        Assert.False(IsBound("Metrics:Port", sections));
    }

    [Fact]
    public void Deployments_SetWhatABotInProductionNeeds()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/docker-compose.yml"));
        var configMap = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/kubernetes/configmap.yaml"));
        foreach (var key in new[] { "Server__PublicUrl", "GitHub__ApiBaseUrl", "Storage__ConnectionString", "Setup__CredentialsPath" })
        {
            Assert.Contains(key, compose);
            Assert.Contains(key, configMap);
        }
        var secret = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/kubernetes/secret.example.yaml"));
        foreach (var key in new[] { "GitHub__AppId", "GitHub__WebhookSecret", "GitHub__PrivateKey" })
        {
            Assert.Contains(key, secret);
        }
    }

    [Fact]
    public void Dockerfile_BuildsInStages_RunsAsNonRoot_ChecksHealth_AndKeepsDataOnAVolume()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var from = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, from.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", from[1]);
        var runtime = lines.SkipWhile(l => l != from[1]).ToList();
        Assert.Contains(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Contains("prreviewbot.dll\", \"healthcheck\"", StringComparison.Ordinal));
        Assert.Contains("VOLUME [\"/app/data\"]", runtime);
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"prreviewbot.dll\"]", runtime[^2]);
        Assert.Equal("CMD [\"serve\"]", runtime[^1]);
        Assert.Contains(runtime, l => l.Contains("Storage__ConnectionString=/app/data/", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Contains("Setup__CredentialsPath=/app/data/", StringComparison.Ordinal));
        // The build context leaves out what must never reach an image.
        var ignore = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".dockerignore"));
        Assert.Contains("*.pem", ignore);
        Assert.Contains("github-app.json", ignore);
        Assert.Contains("**/bin/", ignore);
    }

    [Fact]
    public void Kubernetes_HasProbesOnTheBotsEndpoints_ADisruptionBudget_AndTheManifestsParse()
    {
        var dir = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");
        var kinds = new Dictionary<string, YamlMappingNode>();
        foreach (var file in Directory.GetFiles(dir, "*.yaml"))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            kinds[((YamlScalarNode)root["kind"]).Value!] = root;
        }

        Assert.Superset(new HashSet<string> { "Deployment", "Service", "Ingress", "Secret", "ConfigMap", "PodDisruptionBudget", "PersistentVolumeClaim", "Kustomization" },
            kinds.Keys.ToHashSet());
        var container = (YamlMappingNode)((YamlSequenceNode)kinds["Deployment"]["spec"]["template"]["spec"]["containers"])[0];
        Assert.Equal("/healthz", ((YamlScalarNode)container["livenessProbe"]["httpGet"]["path"]).Value);
        Assert.Equal("/readyz", ((YamlScalarNode)container["readinessProbe"]["httpGet"]["path"]).Value);
        Assert.Equal("true", ((YamlScalarNode)kinds["Deployment"]["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"]).Value);
        var ingressPaths = ((YamlSequenceNode)kinds["Ingress"]["spec"]["rules"][0]["http"]["paths"]).Select(p => ((YamlScalarNode)p["path"]).Value).ToList();
        Assert.Contains(BotHost.WebhookPath, ingressPaths);
        Assert.Contains(PrReviewBot.Setup.SetupEndpoints.CallbackPath, ingressPaths);
        Assert.DoesNotContain("/metrics", ingressPaths);
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+(?:__[A-Za-z][A-Za-z0-9]*)+\b")]
    private static partial Regex SettingKey();
}
