using System.Text.Json;
using System.Text.RegularExpressions;
using PrReviewBot.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PrReviewBot.Tests.Deploy;

/// <summary>
/// The deploy files work as written: nothing unpinned, nothing published beyond loopback, no default password,
/// no placeholder secret applied by default; and they pass the real validators when those are installed
/// (promtool from Debian's prometheus package, kubectl's kustomize).
/// </summary>
public sealed partial class DeployFilesTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, path));

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Read(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> DeployFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "deploy"), "*", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
            .Append(Path.Combine(RepositoryRoot.Path, "action.yml"));

    [Fact]
    public void NoImageAnywhere_IsUnpinned()
    {
        foreach (var file in DeployFiles())
        {
            // Comments may say "never :latest"; what is deployed may not use it.
            var text = string.Join('\n', File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith('#')));
            Assert.DoesNotMatch(LatestTag(), text);
            foreach (Match image in ImageLine().Matches(text))
            {
                Assert.Matches(@":[\w][\w.-]*$", image.Groups["ref"].Value);
            }
        }
    }

    [Fact]
    public void TheBotsImage_CarriesTheReleaseVersion()
    {
        var version = ShippedProcess.Version();

        Assert.Contains($"image: prreviewbot:{version}", Read("deploy/docker-compose.yml"), StringComparison.Ordinal);
        Assert.Contains($"image: prreviewbot:{version}", Read("deploy/kubernetes/deployment.yaml"), StringComparison.Ordinal);
        var images = (YamlSequenceNode)Yaml("deploy/kubernetes/kustomization.yaml")["images"];
        var bot = images.Cast<YamlMappingNode>().Single(i => ((YamlScalarNode)i["name"]).Value == "prreviewbot");
        Assert.Equal(version, ((YamlScalarNode)bot["newTag"]).Value);
    }

    [Fact]
    public void Kustomization_AppliesNoPlaceholderSecret_AndTheDeploymentStartsWithoutOne()
    {
        var kustomization = Yaml("deploy/kubernetes/kustomization.yaml");
        var resources = ((YamlSequenceNode)kustomization["resources"]).Select(r => ((YamlScalarNode)r).Value!).ToList();

        foreach (var resource in resources)
        {
            Assert.NotEqual("Secret", ((YamlScalarNode)Yaml($"deploy/kubernetes/{resource}")["kind"]).Value);
        }
        Assert.Contains("kubectl create secret generic prreviewbot", Read("deploy/kubernetes/secret.example.yaml"), StringComparison.Ordinal);
        var deployment = Read("deploy/kubernetes/deployment.yaml");
        Assert.Matches(@"secretRef:\s+name: prreviewbot\s+optional: true", deployment);
        Assert.DoesNotContain("name: ASPNETCORE_URLS", deployment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy/docker-compose.yml")]
    [InlineData("deploy/docker-compose.monitoring.yml")]
    public void Compose_NamesV2_AndPublishesOnLoopbackOnly(string file)
    {
        var text = Read(file);
        var services = (YamlMappingNode)Yaml(file)["services"];

        Assert.Contains("Docker Compose v2", text, StringComparison.Ordinal);
        foreach (var (_, service) in services.Children)
        {
            if (((YamlMappingNode)service).Children.TryGetValue(new YamlScalarNode("ports"), out var ports))
            {
                Assert.All((YamlSequenceNode)ports, p => Assert.StartsWith("127.0.0.1:", ((YamlScalarNode)p).Value, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Grafana_HasNoDefaultAdminPassword()
    {
        var grafana = (YamlMappingNode)Yaml("deploy/docker-compose.monitoring.yml")["services"]["grafana"];
        var password = ((YamlScalarNode)grafana["environment"]["GF_SECURITY_ADMIN_PASSWORD"]).Value!;

        // ${VAR:?message}: Compose refuses to start without it.
        Assert.Matches(@"^\$\{GRAFANA_ADMIN_PASSWORD:\?[^}]+\}$", password);
    }

    [Fact]
    public void Dashboard_UnitsTargetLinesAndAnEmptyLastDelivery()
    {
        using var doc = JsonDocument.Parse(Read("deploy/grafana/prreviewbot-dashboard.json"));
        var panels = doc.RootElement.GetProperty("panels").EnumerateArray().ToList();
        JsonElement Panel(string expr) => panels.Single(p => p.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("expr").GetString()!.Contains(expr, StringComparison.Ordinal)));
        static string Unit(JsonElement p) => p.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("unit").GetString()!;
        static double TargetLine(JsonElement p)
        {
            var defaults = p.GetProperty("fieldConfig").GetProperty("defaults");
            Assert.Equal("line", defaults.GetProperty("custom").GetProperty("thresholdsStyle").GetProperty("mode").GetString());
            return defaults.GetProperty("thresholds").GetProperty("steps").EnumerateArray().Last().GetProperty("value").GetDouble();
        }

        var cpu = Panel("process_cpu_seconds_total");
        var memory = Panel("process_working_set_bytes");
        Assert.NotEqual(cpu.GetProperty("id").GetInt32(), memory.GetProperty("id").GetInt32());
        Assert.Equal("percentunit", Unit(cpu));
        Assert.Equal("bytes", Unit(memory));
        Assert.Equal(200e6, TargetLine(memory));
        Assert.Equal(0.2, TargetLine(Panel("prreviewbot_delivery_to_check_seconds_bucket")));

        // The timestamp is 0 until the first delivery: the panel must not compute "now minus 1970".
        var last = Panel("prreviewbot_webhook_last_delivery_timestamp_seconds");
        Assert.Contains("> 0", last.GetProperty("targets")[0].GetProperty("expr").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(last.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("noValue").GetString()));
    }

    [SkippableFact]
    public async Task Prometheus_ConfigAndRules_PassPromtool()
    {
        Skip.IfNot(File.Exists("/usr/bin/promtool"), "promtool is not installed (apt-get install prometheus)");

        var result = await ShippedProcess.RunAsync("/usr/bin/promtool", ["check", "config", "deploy/prometheus/prometheus.yml"], RepositoryRoot.Path);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("rules found", result.All, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Kustomization_Builds()
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);
        Skip.If(kubectl is null, "kubectl is not installed");

        var result = await ShippedProcess.RunAsync(kubectl!, ["kustomize", "deploy/kubernetes"], RepositoryRoot.Path);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("kind: Deployment", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: Secret", result.Out, StringComparison.Ordinal);
        Assert.Contains($"image: prreviewbot:{ShippedProcess.Version()}", result.Out, StringComparison.Ordinal);
    }

    [GeneratedRegex(@":latest\b")]
    private static partial Regex LatestTag();

    [GeneratedRegex(@"^\s*(?:image|FROM)[: ]\s*(?<ref>[\w./-]+(?::[\w.-]+)?)", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}
