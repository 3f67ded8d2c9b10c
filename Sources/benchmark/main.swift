import Foundation

exit(Benchmark.main(arguments: Array(CommandLine.arguments.dropFirst())))
