using PrReviewBot.Cli;

return await CliApp.RunAsync(args);
