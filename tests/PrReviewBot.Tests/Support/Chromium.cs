using Microsoft.Playwright;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>, installed by .ci/run) driven by Playwright, one per test
/// class, each run in a fresh profile. Playwright never downloads a browser here. A missing Chromium fails the tests
/// with the fix, never skips them.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"prreviewbot-chromium-{Guid.NewGuid():N}");

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("Chromium did not start");

    /// <summary>Where screenshots go: under the test output directory.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: the browser tests need Debian's chromium package " +
                "(DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; .ci/run does this).");
        }
        Directory.CreateDirectory(_profile);
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        // A phone: the report must be readable where people tap the check's Details link.
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        _playwright?.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; it lives under the temp folder.
        }
    }
}
