"""Cities (beyond national capitals) where arrests, trials, handovers and swaps are reported.

``CITY_TABLE`` is ``Country: City; City / Variant; ...``: the first spelling of a
``/`` group is the canonical one.  Capitals live in :mod:`.countries`.
"""

CITY_TABLE = """
Russia: St. Petersburg / Saint Petersburg / St Petersburg / Petersburg / Leningrad; Yekaterinburg / Ekaterinburg; Novosibirsk; Kazan; Nizhny Novgorod; Rostov-on-Don / Rostov; Krasnodar; Samara; Omsk; Chelyabinsk; Ufa; Volgograd; Perm; Krasnoyarsk; Voronezh; Saratov; Tver; Tula; Kaliningrad; Vladivostok; Irkutsk; Khabarovsk; Murmansk; Arkhangelsk; Bryansk; Kursk; Belgorod; Smolensk; Pskov; Grozny; Makhachkala; Ryazan; Yaroslavl; Tomsk; Barnaul; Tyumen; Orenburg; Penza; Lipetsk; Astrakhan; Sochi; Novorossiysk; Kaluga; Ivanovo; Petrozavodsk; Syktyvkar; Ulyanovsk; Izhevsk; Cheboksary; Saransk; Yakutsk; Magadan; Nalchik; Vladikavkaz; Stavropol; Kemerovo; Novokuznetsk; Chita; Ulan-Ude; Abakan; Kostroma; Vologda; Oryol / Orel; Tambov; Kurgan; Surgut; Norilsk; Labytnangi
Ukraine: Kharkiv / Kharkov; Odesa / Odessa; Dnipro / Dnipropetrovsk; Zaporizhzhia / Zaporizhia / Zaporozhye; Lviv / Lvov / Lwow; Mykolaiv / Nikolaev; Kherson; Mariupol; Donetsk; Luhansk / Lugansk; Chernihiv; Sumy; Poltava; Vinnytsia; Zhytomyr; Chernivtsi; Uzhhorod; Ivano-Frankivsk; Ternopil; Rivne; Lutsk; Kropyvnytskyi; Cherkasy; Kramatorsk; Sloviansk; Bakhmut; Avdiivka; Melitopol; Berdiansk; Enerhodar; Bucha; Irpin; Izium; Kupiansk; Pokrovsk; Sevastopol; Simferopol; Kerch; Yalta; Horlivka; Makiivka; Olenivka
United States: New York / New York City / NYC; Los Angeles; Chicago; Houston; Miami; San Francisco; Boston; Seattle; Atlanta; Dallas; Philadelphia; Detroit; Phoenix; Denver; Las Vegas; San Diego; Baltimore; New Orleans; Minneapolis; Anchorage; Honolulu; San Antonio; Fort Worth; Pittsburgh; Cleveland; Nashville; Tampa; Sacramento; Salt Lake City; Kansas City; St. Louis; Indianapolis; Milwaukee; Albuquerque; Tucson; El Paso; Newark; Brooklyn; Manhattan; Alexandria, Virginia
United Arab Emirates: Dubai; Sharjah; Ajman; Al Ain; Ras Al Khaimah / Ras al-Khaimah; Fujairah
Turkey: Istanbul; Izmir / İzmir; Antalya; Gaziantep; Bursa; Adana; Diyarbakir / Diyarbakır; Konya; Mersin; Trabzon; Edirne
Qatar: Lusail; Al Wakrah
Oman: Salalah; Sohar
Saudi Arabia: Jeddah / Jiddah; Mecca / Makkah; Dammam; Dhahran; NEOM
Switzerland: Geneva / Genève / Geneve; Zurich / Zürich; Lausanne; Basel; Lucerne; Davos; Montreux
Austria: Salzburg; Graz; Innsbruck; Linz
Germany: Munich / München; Frankfurt; Hamburg; Cologne / Köln; Stuttgart; Düsseldorf / Dusseldorf; Leipzig; Dresden; Bonn; Hanover / Hannover; Nuremberg; Bremen; Koblenz; Karlsruhe; Potsdam; Ramstein
France: Marseille / Marseilles; Lyon / Lyons; Toulouse; Strasbourg; Bordeaux; Lille; Nantes; Montpellier; Calais
United Kingdom: Manchester; Birmingham; Glasgow; Edinburgh; Belfast; Cardiff; Liverpool; Leeds; Bristol; Sheffield; Newcastle; Oxford; Cambridge; Salisbury; Heathrow
Belgium: Antwerp; Ghent; Liège / Liege; Bruges
Netherlands: Rotterdam; Utrecht; Eindhoven; Schiphol
Poland: Krakow / Kraków / Cracow; Gdansk / Gdańsk; Wroclaw / Wrocław; Lublin; Poznan / Poznań; Rzeszow / Rzeszów; Lodz / Łódź; Bialystok / Białystok; Katowice; Przemysl / Przemyśl; Terespol
Belarus: Gomel / Homel / Homiel; Grodno / Hrodna; Vitebsk / Viciebsk; Mogilev / Mahilyow / Mahilioŭ; Baranovichi; Babruysk / Bobruisk; Zhodino / Zhodzina; Navapolatsk / Novopolotsk; Shklov / Shklou; Orsha
Lithuania: Kaunas; Klaipeda / Klaipėda
Latvia: Daugavpils; Liepaja
Estonia: Narva; Tartu
Finland: Turku; Tampere
Sweden: Gothenburg; Malmo / Malmö; Uppsala
Norway: Bergen; Kirkenes
Denmark: Aarhus
Italy: Milan; Naples; Turin; Florence; Venice; Genoa; Bologna; Palermo
Spain: Barcelona; Valencia; Seville; Malaga / Málaga; Bilbao
Portugal: Porto
Greece: Thessaloniki
Czech Republic: Brno; Ostrava
Hungary: Debrecen
Romania: Constanta / Constanța; Cluj-Napoca; Timisoara / Timișoara
Bulgaria: Plovdiv; Varna
Serbia: Novi Sad; Nis / Niš
Georgia: Batumi; Kutaisi
Armenia: Gyumri
Azerbaijan: Ganja; Stepanakert / Khankendi
Kazakhstan: Almaty; Shymkent; Karaganda
Uzbekistan: Samarkand; Bukhara
Kyrgyzstan: Osh
Iran: Isfahan / Esfahan; Mashhad; Shiraz; Tabriz; Karaj; Qom; Ahvaz / Ahwaz; Kermanshah; Rasht; Zahedan; Bandar Abbas; Urmia
Iraq: Erbil / Irbil; Basra; Mosul; Sulaymaniyah / Sulaimaniyah; Kirkuk; Najaf; Karbala; Fallujah; Ramadi
Syria: Aleppo; Idlib; Homs; Raqqa; Latakia; Deir ez-Zor / Deir al-Zor; Hama; Daraa; Qamishli
Lebanon: Tripoli, Lebanon; Sidon; Tyre; Baalbek
Jordan: Aqaba; Zarqa
Israel: Tel Aviv; Haifa; Eilat; Beersheba / Beer Sheva; Ashkelon; Ashdod; Sderot; Netanya; Kerem Shalom
Palestine: Gaza / Gaza City; Khan Younis / Khan Yunis; Rafah; Deir al-Balah; Jabalia; Beit Lahia; Nablus; Jenin; Hebron; Bethlehem; Jericho; Tulkarem; Qalqilya; Beitunia
Egypt: Alexandria; Sharm el-Sheikh / Sharm El Sheikh; Port Said; Ismailia; Suez; Luxor; Aswan; El Arish / Arish
Kuwait: Jahra
Bahrain: Muharraq
Yemen: Aden; Marib; Hodeidah / Hudaydah; Taiz; Mukalla; Saada / Sa'ada
Afghanistan: Kandahar; Herat; Mazar-i-Sharif / Mazar-e-Sharif; Jalalabad; Kunduz; Bagram; Khost
Pakistan: Karachi; Lahore; Peshawar; Quetta; Rawalpindi; Multan; Faisalabad
India: Delhi; Mumbai / Bombay; Kolkata / Calcutta; Chennai / Madras; Bangalore / Bengaluru; Hyderabad; Srinagar
China: Shanghai; Guangzhou / Canton; Shenzhen; Wuhan; Urumqi; Lhasa; Chengdu; Chongqing; Tianjin; Nanjing; Xi'an; Dalian; Hangzhou; Dandong; Hong Kong; Macau / Macao
North Korea: Kaesong; Panmunjom; Wonsan; Hamhung; Sinuiju
South Korea: Busan / Pusan; Incheon; Daegu; Gwangju
Japan: Osaka; Kyoto; Yokohama; Nagoya; Sapporo; Fukuoka; Okinawa
Taiwan: Kaohsiung; Taichung
Venezuela: Maracaibo; Valencia, Venezuela; Barquisimeto; Maracay; Maiquetia / Maiquetía
Colombia: Medellin / Medellín; Cali; Cartagena; Barranquilla
Cuba: Santiago de Cuba
Mexico: Guadalajara; Monterrey; Tijuana; Ciudad Juarez / Ciudad Juárez; Cancun / Cancún; Acapulco; Culiacan / Culiacán
Brazil: Rio de Janeiro / Rio; Sao Paulo / São Paulo; Salvador da Bahia; Recife; Manaus
Argentina: Cordoba / Córdoba
Chile: Valparaiso / Valparaíso
Peru: Cusco / Cuzco
Ecuador: Guayaquil
Bolivia: Cochabamba
Haiti: Cap-Haitien / Cap-Haïtien
Nigeria: Lagos; Kano; Maiduguri; Kaduna; Port Harcourt; Ibadan
Niger: Agadez; Zinder; Maradi
Mali: Timbuktu; Kidal; Mopti
Burkina Faso: Bobo-Dioulasso
Sudan: Port Sudan; Omdurman; El Fasher / Al Fashir; Nyala; Wad Madani
Ethiopia: Mekelle; Gondar; Bahir Dar; Dire Dawa
Somalia: Kismayo; Baidoa; Hargeisa; Bosaso
Kenya: Mombasa; Kisumu
Uganda: Entebbe; Gulu
Democratic Republic of the Congo: Goma; Bukavu; Lubumbashi; Kisangani
Libya: Benghazi; Misrata; Sirte; Tobruk
Tunisia: Sfax; Sousse
Algeria: Oran; Constantine
Morocco: Casablanca; Marrakesh / Marrakech; Tangier; Fez; Agadir
South Africa: Johannesburg; Durban
Thailand: Chiang Mai; Phuket; Pattaya
Myanmar: Yangon / Rangoon; Mandalay
Vietnam: Ho Chi Minh City / Saigon; Da Nang
Philippines: Quezon City; Cebu; Davao; Zamboanga
Indonesia: Surabaya; Bali; Medan; Denpasar
Malaysia: Penang; Johor Bahru
Australia: Sydney; Melbourne; Brisbane; Perth; Adelaide
Canada: Toronto; Montreal / Montréal; Vancouver; Calgary; Edmonton; Quebec City
New Zealand: Auckland; Christchurch
Montenegro: Budva; Kotor
Bosnia and Herzegovina: Banja Luka; Mostar
North Macedonia: Ohrid
Cyprus: Limassol; Larnaca
Moldova: Tiraspol; Balti / Bălți
Slovenia: Maribor
Croatia: Dubrovnik
"""
