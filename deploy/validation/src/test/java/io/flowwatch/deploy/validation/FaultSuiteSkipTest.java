package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The fault suite runs in {@code ./flowwatch test} but never in a build that skips tests ({@code ./flowwatch build},
 * {@code up}, {@code bench} run {@code -DskipTests}): a {@code skipTests} set in the module's surefire configuration
 * overrides {@code -DskipTests} on the command line, and once made {@code ./flowwatch bench} start a 12-minute fault
 * suite before measuring anything.
 */
class FaultSuiteSkipTest {

    @Test
    void theSuiteIsSwitchedBySkipSoThatSkipTestsStillSkipsIt() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Project.read(Project.root().resolve("system-tests/pom.xml")))));
        Element surefire = surefire(pom);
        Element configuration = (Element) surefire.getElementsByTagName("configuration").item(0);
        assertEquals(0, configuration.getElementsByTagName("skipTests").getLength(),
                "skipTests in the configuration would override -DskipTests");
        assertEquals("${flowwatch.faults.skip}", configuration.getElementsByTagName("skip").item(0).getTextContent());
        String byDefault = pom.getElementsByTagName("flowwatch.faults.skip").item(0).getTextContent();
        assertEquals("false", byDefault, "./flowwatch test (and so CI) runs the suite");
    }

    private static Element surefire(Document pom) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("maven-surefire-plugin".equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent())) {
                return plugin;
            }
        }
        return fail("system-tests/pom.xml configures no maven-surefire-plugin");
    }
}
