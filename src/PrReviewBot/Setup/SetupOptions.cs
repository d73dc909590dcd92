namespace PrReviewBot.Setup;

/// <summary><c>Setup:*</c>: one-click registration of the GitHub App from a manifest.</summary>
public sealed class SetupOptions
{
    public const string Section = "Setup";

    public const string DefaultCredentialsPath = "data/github-app.json";

    /// <summary>Serve the one-click setup page while no App is configured. Off: the page only says what to configure.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the registered App's id, private key and webhook secret are kept (a JSON file readable only by the bot's
    /// user, read as configuration at start-up). Relative paths are relative to the working directory, like the database.
    /// </summary>
    public string CredentialsPath { get; set; } = DefaultCredentialsPath;
}
