import { describe, expect, it } from 'vitest';
import { maskAddresses, maskAddressField, maskNameField, maskNames, maskPersonalDeep, maskPersonalText } from './personal-text-mask';

describe('addresses in free text', () => {
  it('keeps the place and masks the door number on a road', () => {
    expect(maskAddresses('重庆市渝中区解放碑街道民族路188号门口的井盖坏了')).toBe('重庆市渝中区解放碑街道民族路**号门口的井盖坏了');
    expect(maskAddresses('四川省成都市武侯区人民南路四段12-3号')).toBe('四川省成都市武侯区人民南路四段**号');
    expect(maskAddresses('住在杨家坪步行街 27 号')).toBe('住在杨家坪步行街 ** 号');
  });

  it('masks building, unit and room, in digits and in a chain of Chinese numerals', () => {
    expect(maskAddresses('我家在幸福小区3栋2单元501室，楼上漏水')).toBe('我家在幸福小区**栋**单元**室，楼上漏水');
    expect(maskAddresses('龙湖花园12幢1单元1203室')).toBe('龙湖花园**幢**单元**室');
    expect(maskAddresses('金科城5号楼A座3单元')).toBe('金科城**号楼**座**单元');
    expect(maskAddresses('住三栋二单元，六楼')).toBe('住**栋**单元，六楼');
  });

  it('masks a village group and keeps the village (the township handles it)', () => {
    expect(maskAddresses('我是綦江区石角镇石桥村3组的村民')).toBe('我是綦江区石角镇石桥村**组的村民');
    expect(maskAddresses('新华社区五组12号')).toBe('新华社区**组**号');
  });

  it('leaves dates, metro lines, layouts and ordinary counting alone', () => {
    const plain = [
      '12月3号停水，到现在还没来',
      '地铁2号线大道1号线换乘',
      '房子是两室一厅，租的2室1厅',
      '那一栋楼都停电了，有一室住着老人',
      '涉及3户人家，一共5个人',
      '工单号1号文件里写的',
    ];
    for (const text of plain) expect(maskAddresses(text)).toBe(text);
  });

  it('masks every number left in a whole address field', () => {
    expect(maskAddressField('南岸区南坪万达广场B1层23-5')).toBe('南岸区南坪万达广场B**层**');
    expect(maskAddressField('解放碑')).toBe('解放碑');
  });
});

describe('names the text marks', () => {
  it('keeps the surname and writes 某 for the rest', () => {
    expect(maskNames('您好，我叫张伟，住在附近')).toBe('您好，我叫张某，住在附近');
    expect(maskNames('我是李建华想反映一个问题')).toBe('我是李某想反映一个问题');
    expect(maskNames('联系人：王建国 电话打不通')).toBe('联系人：王某 电话打不通');
    expect(maskNames('姓名: 欧阳娜娜。')).toBe('姓名: 欧阳某。');
    expect(maskNames('免贵姓赵，名叫红梅。')).toBe('免贵姓赵，名叫某。');
  });

  it('masks a full name before a title and keeps a bare surname with its title', () => {
    expect(maskNames('请转告王建国先生，我们已派单')).toBe('请转告王某先生，我们已派单');
    expect(maskNames('找到了李桂兰阿姨的家属')).toBe('找到了李某阿姨的家属');
    expect(maskNames('王先生您好，张师傅已经到了，刘女士稍等')).toBe('王先生您好，张师傅已经到了，刘女士稍等');
    expect(maskNames('我是王先生，上周来过电话')).toBe('我是王先生，上周来过电话');
  });

  it('never takes a place or a word for a name', () => {
    const plain = [
      '我在张家港打工，老家是王府井附近的',
      '我是王府井社区的网格员',
      '我是张家港的，现在在重庆',
      '我叫了救护车，我叫车来接也没来',
      '小区保安李先生说不归他管',
      '我是业主，也是居民',
    ];
    for (const text of plain) expect(maskNames(text)).toBe(text);
  });
});

describe('a review bundle masked whole', () => {
  it('masks a caller’s call in their own words', () => {
    const said =
      '喂，你好，我叫陈晓东，电话13983456789，家住重庆市沙坪坝区天星桥街道汉渝路21号，' +
      '小区里面3栋1单元602室楼下的烧烤店每天晚上吵到凌晨两点，联系人：陈晓东，身份证500106198803124517。';
    expect(maskPersonalText(said)).toBe(
      '喂，你好，我叫陈某，电话139****6789，家住重庆市沙坪坝区天星桥街道汉渝路**号，' +
        '小区里面**栋**单元**室楼下的烧烤店每天晚上吵到凌晨两点，联系人：陈某，身份证500***********4517。',
    );
  });

  it('treats name and address fields whole, keeps the district and the ids', () => {
    const order = {
      id: '7a1c2a8e-0000-4000-8000-000000000001',
      departmentIds: ['market-regulation'],
      callerName: '刘德明',
      remoteName: '李先生',
      address: '九龙坡区谢家湾正街49号附18号',
      district: '九龙坡区',
      description: '刘德明先生反映：冷水机组噪声大。',
      payload: { fields: { callerName: 'Mike Chen', callbackNumber: '023-6312 3456' } },
    };
    expect(maskPersonalDeep(order)).toEqual({
      id: '7a1c2a8e-0000-4000-8000-000000000001',
      departmentIds: ['market-regulation'],
      callerName: '刘某',
      remoteName: '李先生',
      address: '九龙坡区谢家湾正街**号附**号',
      district: '九龙坡区',
      description: '刘某先生反映：冷水机组噪声大。',
      payload: { fields: { callerName: '某', callbackNumber: '023****3456' } },
    });
    expect(maskNameField('')).toBe('');
  });
});
