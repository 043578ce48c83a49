import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * After `./mvnw package -Dnative -Dquarkus.native.sources-only=true`: the native image's reflection
 * configuration (META-INF/native-image/reflect-config.json in target/native-sources/*-runner.jar) holds
 * every DTO record (Jackson reads and writes them by reflection) and the Stripe classes stripe-java's
 * Gson needs for the calls the payments feature makes. Run by .ci/run: java .ci/NativeReflectionCheck.java
 */
public class NativeReflectionCheck {
    /** Records in dto packages that never go through Jackson (passed between features in Java only). */
    static final Set<String> NOT_JSON = Set.of(
            "dev.festival.payments.dto.IntentResult",
            "dev.festival.users.dto.Credentials",
            "dev.festival.users.dto.UserChanges",
            "dev.festival.users.dto.UserFilter",
            // OpenAPI schema only: the upload is read as a JsonNode
            "dev.festival.zones.dto.BatchScanRequest",
            "dev.festival.zones.dto.BatchScanRequest$Item");

    /** What StripeGateway sends and receives, with a nested class of each (registerFullHierarchy). */
    static final List<String> STRIPE = List.of(
            "com.stripe.model.PaymentIntent", "com.stripe.model.PaymentIntent$NextAction",
            "com.stripe.model.Refund", "com.stripe.model.checkout.Session",
            "com.stripe.model.checkout.Session$CustomerDetails", "com.stripe.model.StripeError",
            "com.stripe.model.StripeObject",
            "com.stripe.param.PaymentIntentCreateParams", "com.stripe.param.PaymentIntentCreateParams$AutomaticPaymentMethods",
            "com.stripe.param.PaymentIntentCancelParams", "com.stripe.param.RefundCreateParams",
            "com.stripe.param.checkout.SessionCreateParams", "com.stripe.param.checkout.SessionCreateParams$LineItem",
            "com.stripe.param.checkout.SessionCreateParams$LineItem$PriceData",
            "com.stripe.param.checkout.SessionExpireParams", "com.stripe.param.checkout.SessionRetrieveParams");

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        Path runner;
        try (Stream<Path> files = Files.list(target.resolve("native-sources"))) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + target.resolve("native-sources")));
        }
        Set<String> registered = new TreeSet<>();
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            var entry = jar.getEntry("META-INF/native-image/reflect-config.json");
            if (entry == null) {
                throw new IllegalStateException(runner + " has no META-INF/native-image/reflect-config.json");
            }
            String json = new String(jar.getInputStream(entry).readAllBytes());
            Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
            while (m.find()) {
                if (m.group(1).contains(".")) { // class entries; method entries are named <init>, get...
                    registered.add(m.group(1));
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        int records = 0;
        Path classes = target.resolve("classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")
                    && p.toString().replace('\\', '/').contains("/dto/")).toList()) {
                ClassModel model = ClassFile.of().parse(file);
                boolean record = model.superclass().map(s -> s.asInternalName().equals("java/lang/Record")).orElse(false);
                String name = model.thisClass().asInternalName().replace('/', '.');
                if (record && !NOT_JSON.contains(name)) {
                    records++;
                    if (!registered.contains(name)) {
                        missing.add(name);
                    }
                }
            }
        }
        for (String stripe : STRIPE) {
            if (!registered.contains(stripe)) {
                missing.add(stripe);
            }
        }
        long stripeCount = registered.stream().filter(n -> n.startsWith("com.stripe.")).count();
        System.out.printf("native reflection: %d classes registered, %d DTO records checked, %d Stripe classes%n",
                registered.size(), records, stripeCount);
        if (!missing.isEmpty()) {
            System.err.println("not registered for reflection in the native image (add @RegisterForReflection):");
            missing.forEach(n -> System.err.println("  " + n));
            System.exit(1);
        }
    }
}
