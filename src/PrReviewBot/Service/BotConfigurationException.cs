namespace PrReviewBot.Service;

/// <summary>A configuration mistake found at start-up. The message is one line that names the key to set.</summary>
public sealed class BotConfigurationException(string message) : Exception(message);
