namespace PrReviewBot.Core.Config;

/// <summary>
/// The JSON Schema of <c>.github/perf-review.yml</c> (Config/perf-review.schema.json, shipped inside this assembly), for
/// editors that validate YAML as people type. <see cref="ConfigParser"/> is the authority; a test keeps the two in step.
/// </summary>
public static class ConfigSchema
{
    private const string ResourceName = "PrReviewBot.Core.Config.perf-review.schema.json";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(ConfigSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the build did not embed {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Text.Value;
}
