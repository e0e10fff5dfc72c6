using Colour2Vec.Cli;

return CliApp.Run(args);
