namespace PrReviewBot.Service;

/// <summary><c>installation_repositories</c>: repositories added to or removed from the App; recorded, nothing to do.</summary>
public sealed class InstallationRepositoriesRoute : IEventRoute
{
    public string Event => "installation_repositories";

    public bool Subscribed => false;

    public Routing Route(PayloadObject payload, IntakeContext context) => InstallationRoute.Note(Event, payload);
}
