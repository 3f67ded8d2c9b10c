import Foundation

exit(Trainer.main(arguments: Array(CommandLine.arguments.dropFirst()), standardOutput: .standardOutput, standardError: .standardError, environment: .process))
