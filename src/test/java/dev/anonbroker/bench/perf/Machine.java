package dev.anonbroker.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line naming the machine the figures came from: CPU, cores, memory, OS, JDK. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
        return String.format("%d cores (%s), %s RAM, %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                cpu, memoryGb(memory), os.replace("\"", ""), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static String memoryGb(String memTotal) {
        try {
            return String.format("%.1f GB", Long.parseLong(memTotal.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(line.contains(":") && !line.contains("=") ? ':' : '=') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
